import Foundation
internal import Clibgit2

extension Repository {
    /// The bytes of a blob.
    public func blob(_ id: ObjectID) throws(GitError) -> Data {
        var raw = id.raw
        var handle: OpaquePointer?
        try check(git_blob_lookup(&handle, pointer, &raw), "read blob \(id)")
        guard let handle else { throw GitError(code: .notFound, message: "no blob \(id)", operation: "read blob") }
        defer { git_blob_free(handle) }
        let size = Int(git_blob_rawsize(handle))
        guard size > 0, let bytes = git_blob_rawcontent(handle) else { return Data() }
        return Data(bytes: bytes, count: size)
    }

    /// The size of a blob in bytes, without copying it.
    public func blobSize(_ id: ObjectID) throws(GitError) -> Int {
        var raw = id.raw
        var handle: OpaquePointer?
        try check(git_blob_lookup(&handle, pointer, &raw), "read blob \(id)")
        defer { git_blob_free(handle) }
        return Int(git_blob_rawsize(handle))
    }

    /// Writes bytes as a blob object and returns its id.
    public func writeBlob(_ data: Data) throws(GitError) -> ObjectID {
        var created = git_oid()
        let result = data.withUnsafeBytes { buffer in
            git_blob_create_from_buffer(&created, pointer, buffer.baseAddress, buffer.count)
        }
        try check(result, "write blob")
        return ObjectID(created)
    }

    /// The id git would give these bytes as a blob, without writing anything.
    public static func blobID(of data: Data) throws(GitError) -> ObjectID {
        try ensureLibgit2()
        var computed = git_oid()
        let result = data.withUnsafeBytes { buffer in
            git_odb_hash(&computed, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB)
        }
        try check(result, "hash blob")
        return ObjectID(computed)
    }
}

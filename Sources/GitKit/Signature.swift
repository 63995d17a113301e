import Foundation
internal import Clibgit2

/// A person and a moment, as git records authors, committers and taggers.
public struct Signature: Equatable, Sendable {
    public var name: String
    public var email: String
    public var time: Date
    /// Minutes east of UTC, as written in the object.
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Date, offsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = value.name.map { String(cString: $0) } ?? ""
        email = value.email.map { String(cString: $0) } ?? ""
        time = Date(timeIntervalSince1970: TimeInterval(value.when.time))
        offsetMinutes = Int(value.when.offset)
    }

    /// Calls `body` with a libgit2 copy of this signature that lives only for the call.
    func withGitSignature<Result>(_ operation: String, _ body: (UnsafePointer<git_signature>) throws(GitError) -> Result) throws(GitError) -> Result {
        var pointer: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(time.timeIntervalSince1970.rounded(.down))
        try check(git_signature_new(&pointer, name, email, seconds, Int32(offsetMinutes)), operation)
        guard let pointer else { throw GitError(code: .failed(-1), message: "no signature", operation: operation) }
        defer { git_signature_free(pointer) }
        return try body(pointer)
    }
}

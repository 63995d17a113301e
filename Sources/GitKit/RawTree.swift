import Foundation
internal import Clibgit2

/// A tree object's entries read from its stored bytes (`MODE SP NAME NUL ID`, repeated, in git's order); the
/// bytes stay in libgit2's buffer and only the entries a comparison reports are copied out.
public final class RawTree {
    public let id: ObjectID
    private let object: OpaquePointer
    private let bytes: UnsafeBufferPointer<UInt8>
    private let entries: [Entry]

    private struct Entry {
        let nameStart: Int32
        let nameLength: Int32
        let mode: UInt32

        var idStart: Int { Int(nameStart + nameLength) + 1 }
        var isFolder: Bool { mode & 0o170000 == 0o040000 }
    }

    /// Takes ownership of `object`; throws (freeing it) when its bytes are not a well-formed tree.
    init(id: ObjectID, object: OpaquePointer) throws(GitError) {
        let size = git_odb_object_size(object)
        let bytes = git_odb_object_data(object).map { UnsafeRawBufferPointer(start: $0, count: size).bindMemory(to: UInt8.self) }
            ?? UnsafeBufferPointer(start: nil, count: 0)
        guard let entries = Self.entries(of: bytes) else {
            git_odb_object_free(object)
            throw GitError(code: .invalid, message: "tree \(id) is malformed", operation: "read tree \(id)")
        }
        self.id = id
        self.object = object
        self.bytes = bytes
        self.entries = entries
    }

    deinit {
        git_odb_object_free(object)
    }

    public var count: Int { entries.count }

    /// Every entry, names copied out, in git's order.
    public var allEntries: [TreeEntry] {
        entries.map { entry in
            let identity = identity(entry)
            return TreeEntry(name: name(entry), id: identity.id, mode: identity.mode)
        }
    }

    /// The entry with this name (a single path component).
    public func entry(named name: String) -> TreeEntry? {
        entryIdentity(named: name).map { TreeEntry(name: name, id: $0.id, mode: $0.mode) }
    }

    /// The id and mode of the entry with this name (a single path component).
    public func entryIdentity(named name: String) -> EntryIdentity? {
        guard !name.isEmpty, !name.utf8.contains(UInt8(ascii: "/")) else { return nil }
        var name = name
        return name.withUTF8 { key in
            // Git orders a folder as if its name ended in "/", so the entry may sit at either of two places.
            for asFolder in [false, true] {
                var low = 0, high = entries.count
                while low < high {
                    let middle = (low + high) / 2
                    let order = compare(entries[middle], key, keyIsFolder: asFolder)
                    if order == 0 { return identity(entries[middle]) }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
            }
            return nil
        }
    }

    /// The entries whose object or mode differ between this tree and `other`, or that only one of them has, found
    /// in one pass over both entry lists; only those entries' names are copied. An entry that changed between a
    /// folder and a file appears twice, once with each side.
    public func differences(from other: RawTree) -> [(name: String, new: EntryIdentity?, old: EntryIdentity?)] {
        var found: [(name: String, new: EntryIdentity?, old: EntryIdentity?)] = []
        var newIndex = 0, oldIndex = 0
        while newIndex < entries.count || oldIndex < other.entries.count {
            let order: Int
            if newIndex < entries.count, oldIndex < other.entries.count {
                order = Self.order(entries[newIndex], in: bytes, other.entries[oldIndex], in: other.bytes)
            } else {
                order = newIndex < entries.count ? -1 : 1
            }
            if order == 0 {
                let new = entries[newIndex], old = other.entries[oldIndex]
                newIndex += 1
                oldIndex += 1
                if new.mode == old.mode, memcmp(bytes.baseAddress! + new.idStart, other.bytes.baseAddress! + old.idStart, 20) == 0 { continue }
                found.append((name(new), identity(new), other.identity(old)))
            } else if order < 0 {
                found.append((name(entries[newIndex]), identity(entries[newIndex]), nil))
                newIndex += 1
            } else {
                found.append((other.name(other.entries[oldIndex]), nil, other.identity(other.entries[oldIndex])))
                oldIndex += 1
            }
        }
        return found
    }

    private func name(_ entry: Entry) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(entry.nameStart)..<Int(entry.nameStart + entry.nameLength)]), as: UTF8.self)
    }

    private func identity(_ entry: Entry) -> EntryIdentity {
        let id = ObjectID(copying: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[entry.idStart..<entry.idStart + 20]))
        return EntryIdentity(id: id, mode: FileMode(raw: entry.mode))
    }

    /// Git's order of an entry against a name that is (or is taken as) a folder's or a file's.
    private func compare(_ entry: Entry, _ key: UnsafeBufferPointer<UInt8>, keyIsFolder: Bool) -> Int {
        let name = UnsafeBufferPointer(rebasing: bytes[Int(entry.nameStart)..<Int(entry.nameStart + entry.nameLength)])
        return Self.order(name, entry.isFolder, key, keyIsFolder)
    }

    private static func order(_ first: Entry, in firstBytes: UnsafeBufferPointer<UInt8>,
                              _ second: Entry, in secondBytes: UnsafeBufferPointer<UInt8>) -> Int {
        order(UnsafeBufferPointer(rebasing: firstBytes[Int(first.nameStart)..<Int(first.nameStart + first.nameLength)]), first.isFolder,
              UnsafeBufferPointer(rebasing: secondBytes[Int(second.nameStart)..<Int(second.nameStart + second.nameLength)]), second.isFolder)
    }

    /// By name bytes, a folder's name compared as if it ended in "/".
    private static func order(_ a: UnsafeBufferPointer<UInt8>, _ aIsFolder: Bool, _ b: UnsafeBufferPointer<UInt8>, _ bIsFolder: Bool) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let prefix = memcmp(a.baseAddress!, b.baseAddress!, common)
            if prefix != 0 { return Int(prefix) }
        }
        let slash = Int(UInt8(ascii: "/"))
        let aNext = common < a.count ? Int(a[common]) : (aIsFolder ? slash : 0)
        let bNext = common < b.count ? Int(b[common]) : (bIsFolder ? slash : 0)
        return aNext - bNext
    }

    /// Each entry's name, mode and id position; nil when the bytes do not follow the tree format.
    private static func entries(of bytes: UnsafeBufferPointer<UInt8>) -> [Entry]? {
        var entries: [Entry] = []
        // An entry takes at least 28 bytes for a short name (mode, space, name, NUL and the 20-byte id).
        entries.reserveCapacity(bytes.count / 28 + 1)
        var position = 0
        while position < bytes.count {
            var mode: UInt32 = 0
            var digits = 0
            while position < bytes.count, bytes[position] != UInt8(ascii: " ") {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 8, digits < 7 else { return nil }
                mode = mode << 3 | UInt32(digit)
                digits += 1
                position += 1
            }
            guard digits > 0, position < bytes.count else { return nil }
            let nameStart = position + 1
            guard nameStart < bytes.count,
                  let nul = UnsafeBufferPointer(rebasing: bytes[nameStart...]).firstIndex(of: 0) else { return nil }
            let nameEnd = nameStart + nul
            guard nameEnd > nameStart, nameEnd + 21 <= bytes.count, nameEnd < Int(Int32.max) else { return nil }
            entries.append(Entry(nameStart: Int32(nameStart), nameLength: Int32(nameEnd - nameStart), mode: mode))
            position = nameEnd + 21
        }
        return entries
    }
}

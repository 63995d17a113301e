/// The parts of a commit a history walk needs, read from the commit's header lines.
public struct CommitHeader: Sendable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    /// Committer time in seconds since 1970, which orders git's history walks.
    public let seconds: Int64

    /// Parses `tree`, `parent` and `committer` lines up to the blank line that ends the header; nil if any is malformed.
    init?(id: ObjectID, bytes: UnsafeBufferPointer<UInt8>) {
        var tree: ObjectID?
        var parents: [ObjectID] = []
        var seconds: Int64?
        var start = 0
        while start < bytes.count, bytes[start] != 0x0A {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if Self.hasPrefix(line, "tree ") {
                tree = Self.objectID(line.dropFirst(5))
                if tree == nil { return nil }
            } else if Self.hasPrefix(line, "parent ") {
                guard let parent = Self.objectID(line.dropFirst(7)) else { return nil }
                parents.append(parent)
            } else if Self.hasPrefix(line, "committer ") {
                seconds = Self.time(line)
                if seconds == nil { return nil }
            }
            start = end + 1
        }
        guard let tree, let seconds else { return nil }
        self.id = id
        self.tree = tree
        self.parents = parents
        self.seconds = seconds
    }

    private static func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard line.count >= count else { return false }
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: count)
        return line.prefix(count).elementsEqual(expected)
    }

    private static func objectID(_ hex: Slice<UnsafeBufferPointer<UInt8>>) -> ObjectID? {
        ObjectID(hexDigits: hex)
    }

    /// The seconds after the email's closing `>`, as git reads them: `Name <email> 1700000000 +0100`.
    private static func time(_ line: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let close = line.lastIndex(of: UInt8(ascii: ">")) else { return nil }
        var index = close + 1
        while index < line.count, line[index] == UInt8(ascii: " ") { index += 1 }
        var value: Int64 = 0
        var digits = 0
        while index < line.count, line[index] >= UInt8(ascii: "0"), line[index] <= UInt8(ascii: "9") {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = shifted + Int64(line[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        return digits > 0 ? value : nil
    }
}

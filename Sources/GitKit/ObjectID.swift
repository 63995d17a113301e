internal import Clibgit2

/// A git object id (SHA-1), copied out of libgit2. The 20 bytes are stored inline, in their order, so an id costs
/// no allocation: a history walk makes millions of them.
public struct ObjectID: Hashable, Comparable, Sendable, CustomStringConvertible {
    private var head: UInt64 = 0
    private var middle: UInt64 = 0
    private var tail: UInt32 = 0

    public static let zero = ObjectID()

    private init() {}

    init(_ oid: git_oid) {
        var copy = oid
        self = withUnsafeBytes(of: &copy.id) { ObjectID(copying: $0) }
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The id whose bytes are the first 20 of `bytes`, which must hold at least that many.
    init(copying bytes: UnsafeRawBufferPointer) {
        self.init()
        withUnsafeMutableBytes(of: &self) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(20))) }
    }

    /// Parses 40 hexadecimal digits; anything else is nil.
    public init?(hex: String) {
        self.init(hexDigits: hex.utf8)
    }

    /// The same for the digits' ASCII bytes.
    public init?<Digits: Collection<UInt8>>(hexDigits: Digits) {
        // Generic code called from another module runs unspecialised; parsing from contiguous bytes keeps a cache
        // load of thousands of ids cheap.
        guard let parsed = hexDigits.withContiguousStorageIfAvailable(Self.parse) ?? Array(hexDigits).withUnsafeBufferPointer(Self.parse) else {
            return nil
        }
        self = parsed
    }

    private static func parse(_ digits: UnsafeBufferPointer<UInt8>) -> ObjectID? {
        guard digits.count == 40 else { return nil }
        var id = ObjectID()
        let complete: Bool = withUnsafeMutableBytes(of: &id) { bytes in
            for index in 0..<20 {
                guard let high = nibble(digits[2 * index]), let low = nibble(digits[2 * index + 1]) else { return false }
                bytes[index] = high << 4 | low
            }
            return true
        }
        return complete ? id : nil
    }

    public var hex: String {
        String(unsafeUninitializedCapacity: 40) { characters in
            withBytes { bytes in
                for (index, byte) in bytes.enumerated() {
                    characters[2 * index] = Self.digit(byte >> 4)
                    characters[2 * index + 1] = Self.digit(byte & 0x0f)
                }
            }
            return 40
        }
    }

    private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    public var description: String { hex }

    public var isZero: Bool { self == .zero }

    /// Ids are uniformly distributed, so their first eight bytes hash as well as all twenty.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(head)
    }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        lhs.withBytes { left in rhs.withBytes { right in left.lexicographicallyPrecedes(right) } }
    }

    var raw: git_oid {
        var oid = git_oid()
        withBytes { bytes in withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: bytes) } }
        return oid
    }

    private func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        withUnsafeBytes(of: self) { body(UnsafeRawBufferPointer(rebasing: $0.prefix(20))) }
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

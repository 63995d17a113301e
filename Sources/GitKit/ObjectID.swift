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
        self = withUnsafeBytes(of: &copy.id) { Self.copied(from: $0) }
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The id whose bytes are the first 20 of `bytes`, which must hold at least that many.
    private static func copied(from bytes: UnsafeRawBufferPointer) -> ObjectID {
        var id = ObjectID()
        withUnsafeMutableBytes(of: &id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(20))) }
        return id
    }

    /// Parses 40 hexadecimal digits; anything else is nil.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 40 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(20)
        for index in stride(from: 0, to: 40, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
        }
        self = result.withUnsafeBytes { Self.copied(from: $0) }
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(40)
        withBytes { bytes in
            for byte in bytes {
                characters.append(digits[Int(byte >> 4)])
                characters.append(digits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: characters, as: UTF8.self)
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

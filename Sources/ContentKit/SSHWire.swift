import Foundation

/// Reads the SSH wire encoding (RFC 4251 section 5): big-endian uint32, length-prefixed strings, mpints.
/// Every read names the field it was reading, so a truncated blob says which field ran out.
struct SSHWireReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset == bytes.count }

    mutating func bytes(_ count: Int, field: String) throws(SSHWireError) -> [UInt8] {
        guard count >= 0, count <= remaining else {
            throw SSHWireError("truncated: \(field) needs \(count) bytes but only \(remaining) remain")
        }
        let slice = Array(bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    mutating func byte(field: String) throws(SSHWireError) -> UInt8 {
        try bytes(1, field: field)[0]
    }

    mutating func uint32(field: String) throws(SSHWireError) -> UInt32 {
        let raw = try bytes(4, field: field)
        return raw.reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
    }

    mutating func string(field: String) throws(SSHWireError) -> [UInt8] {
        guard remaining >= 4 else {
            throw SSHWireError("truncated: the length of \(field) needs 4 bytes but only \(remaining) remain")
        }
        let length = try uint32(field: field)
        guard Int(length) <= remaining else {
            throw SSHWireError("truncated: \(field) claims \(length) bytes but only \(remaining) remain")
        }
        return try bytes(Int(length), field: field)
    }

    /// A string that must be UTF-8 text (names, namespaces).
    mutating func text(field: String) throws(SSHWireError) -> String {
        let raw = try string(field: field)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw SSHWireError("\(field) is not valid UTF-8")
        }
        return text
    }

    /// A positive mpint of at most `size` bytes, returned left-padded to exactly `size` bytes.
    /// Refuses what OpenSSH refuses and more: zero, negative values, and non-minimal encodings.
    mutating func positiveMPInt(size: Int, field: String) throws(SSHWireError) -> [UInt8] {
        let raw = try string(field: field)
        guard let first = raw.first else { throw SSHWireError("\(field) is zero") }
        guard first & 0x80 == 0 else { throw SSHWireError("\(field) is negative") }
        var magnitude = raw[...]
        if first == 0 {
            guard raw.count > 1, raw[1] & 0x80 != 0 else {
                throw SSHWireError("\(field) has a superfluous leading zero byte")
            }
            magnitude = raw.dropFirst()
        }
        guard magnitude.count <= size else {
            throw SSHWireError("\(field) is \(magnitude.count) bytes, more than \(size)")
        }
        return [UInt8](repeating: 0, count: size - magnitude.count) + magnitude
    }

    func requireEnd(_ what: String) throws(SSHWireError) {
        guard isAtEnd else {
            throw SSHWireError("\(remaining) unexpected trailing bytes after \(what)")
        }
    }
}

struct SSHWireError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Writes the SSH wire encoding.
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw<Bytes: Sequence>(_ data: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: data)
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func uint32(_ value: UInt32) {
        bytes.append(contentsOf: [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
                                  UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)])
    }

    mutating func string<Bytes: Collection>(_ data: Bytes) where Bytes.Element == UInt8 {
        uint32(UInt32(truncatingIfNeeded: data.count))
        bytes.append(contentsOf: data)
    }

    mutating func string(_ text: String) {
        string(Array(text.utf8))
    }

    /// An unsigned big-endian integer as a minimal, positive mpint.
    mutating func mpint(unsigned magnitude: [UInt8]) {
        var trimmed = magnitude.drop { $0 == 0 }
        if let first = trimmed.first, first & 0x80 != 0 {
            trimmed.insert(0, at: trimmed.startIndex)
        }
        string(Array(trimmed))
    }
}

/// Base64 as OpenSSH writes it: standard alphabet with padding. Decoding is strict: no whitespace,
/// and the text must be exactly what encoding the decoded bytes gives back (no stray padding bits).
enum SSHBase64 {
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let string = String(text)
        guard let data = Data(base64Encoded: string), data.base64EncodedString() == string else { return nil }
        return [UInt8](data)
    }

    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}

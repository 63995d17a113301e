import Crypto
import Foundation
import GitKit

/// One immutable sign-off record. Its payload is a canonical text with fixed keys in a fixed order,
/// UTF-8 with LF line ends; the record id is the SHA-256 of those bytes and names the file.
/// An SSH signature over the payload may follow it as an armored block.
public struct SignoffRecord: Equatable, Sendable {
    public static let formatLine = "contentctl-signoff 1"
    static let keys = ["format", "module", "path", "fingerprint", "role", "meaning", "revokes",
                       "reviewer-id", "reviewer-name", "reviewer-email", "time", "commit", "comment", "nonce"]
    static let signatureBegin = "-----BEGIN SSH SIGNATURE-----"
    static let signatureEnd = "-----END SSH SIGNATURE-----"
    static let fileExtension = ".signoff"

    public let module: String
    /// The module's path when it was signed.
    public let path: String
    public let fingerprint: Fingerprint
    public let role: String
    public let meaning: SignoffMeaning
    /// For a revocation: the id of the record it withdraws.
    public let revokes: String?
    public let reviewerID: String
    public let reviewerName: String
    public let reviewerEmail: String
    public let time: Date
    /// HEAD when the record was made; the approved text is also kept in a snapshot in case this commit disappears.
    public let commit: ObjectID
    public let comment: String
    /// Random, so two acts that are otherwise identical still get distinct records.
    public let nonce: String
    /// The armored SSH signature over the payload, when the record is signed.
    public let signature: String?
    /// The exact bytes that are hashed for the id and signed.
    public let payload: String
    /// The record id: SHA-256 of the payload, 64 hexadecimal digits.
    public let id: String

    public init(module: String, path: String, fingerprint: Fingerprint, role: String, meaning: SignoffMeaning,
                revokes: String? = nil, reviewerID: String, reviewerName: String, reviewerEmail: String,
                time: Date, commit: ObjectID, comment: String, nonce: String, signature: String? = nil) {
        self.module = module
        self.path = path
        self.fingerprint = fingerprint
        self.role = role
        self.meaning = meaning
        self.revokes = revokes
        self.reviewerID = reviewerID
        self.reviewerName = reviewerName
        self.reviewerEmail = reviewerEmail
        self.time = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
        self.commit = commit
        self.comment = comment
        self.nonce = nonce
        self.signature = signature
        let values = [Self.formatLine, module, path, fingerprint.value, role, meaning.rawValue, revokes ?? "",
                      reviewerID, reviewerName, reviewerEmail, Timestamp.format(self.time), commit.hex, comment, nonce]
        payload = zip(Self.keys, values).map { key, value in
            value.isEmpty ? key + "\n" : key + " " + Self.escape(value) + "\n"
        }.joined()
        id = SHA256.hash(data: Data(payload.utf8)).hexadecimal
    }

    public var shortID: String { String(id.prefix(12)) }

    /// The SSH signature namespace of records, so a record signature can never pass for a commit's or an email's.
    public static let signatureNamespace = "contentctl-signoff"

    /// The same record carrying `signature` (the payload, and so the id, are unchanged).
    func signed(with signature: String) -> SignoffRecord {
        SignoffRecord(module: module, path: path, fingerprint: fingerprint, role: role, meaning: meaning, revokes: revokes,
                      reviewerID: reviewerID, reviewerName: reviewerName, reviewerEmail: reviewerEmail, time: time,
                      commit: commit, comment: comment, nonce: nonce, signature: signature)
    }

    /// The file as stored: the payload, then the signature block if there is one.
    public var fileContents: String {
        guard let signature else { return payload }
        return payload + signature + (signature.hasSuffix("\n") ? "" : "\n")
    }

    public var fileName: String { id + Self.fileExtension }

    /// A random 128-bit nonce in hexadecimal.
    public static func makeNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexadecimal
    }

    /// Text a comment or name may hold: no control characters other than tab and line breaks.
    public static func isAcceptable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { ($0.value < 0x20 && !["\t", "\n", "\r"].contains($0)) || $0.value == 0x7F }
    }

    /// Identifiers in a record (role, email, id) carry no white space, so none can be padded to look alike.
    static func isToken(_ value: String) -> Bool {
        // By scalar, not Character: faster, and a space hidden inside a cluster (after a prepended mark) is refused too.
        // ASCII white space is tested directly: looking up Unicode properties costs more than the rest of a record.
        !value.isEmpty && !value.unicodeScalars.contains { $0.isASCII ? $0 == " " || (0x09...0x0D).contains($0.value) : $0.properties.isWhitespace }
    }

    static func escape(_ value: String) -> String {
        // Most values hold nothing to escape; building them scalar by scalar costs more than the check.
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return value }
        // By bytes: the escaped characters are ASCII, so every other byte, of any character, is copied as it is.
        var escaped: [UInt8] = []
        escaped.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
            switch byte {
            case 0x5C: escaped += [0x5C, 0x5C]
            case 0x0A: escaped += [0x5C, UInt8(ascii: "n")]
            case 0x0D: escaped += [0x5C, UInt8(ascii: "r")]
            case 0x09: escaped += [0x5C, UInt8(ascii: "t")]
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    static func unescape(_ value: Substring) -> String? {
        guard value.utf8.contains(0x5C) else { return String(value) }
        var result = ""
        var iterator = value.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch iterator.next() {
            case "\\": result += "\\"
            case "n": result += "\n"
            case "r": result += "\r"
            case "t": result += "\t"
            default: return nil
            }
        }
        return result
    }
}

extension SignoffRecord {
    /// Parses a record file strictly: every key once, in order, nothing else, and a payload that
    /// re-encodes to exactly the bytes read, so two different files can never mean the same record.
    public static func parse(_ text: String, file: String) throws(ContentError) -> SignoffRecord {
        func fail(_ line: Int?, _ reason: String) -> ContentError {
            .badContent(file, line: line, "not a valid sign-off record: \(reason)")
        }
        guard !text.unicodeScalars.contains("\r") else { throw fail(nil, "carriage return in record") }
        // By scalar: splitting by Character is several times slower, and "\r" was refused above.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Substring.init)
        guard lines.last == "" else { throw fail(nil, "record does not end with a line feed") }
        lines.removeLast()
        guard lines.count >= keys.count else { throw fail(nil, "record has \(lines.count) lines, expected \(keys.count)") }
        var values: [String] = []
        for (index, key) in keys.enumerated() {
            let line = lines[index]
            let value: Substring
            // Keys are ASCII: compared by bytes, not by Character.
            let utf8 = line.utf8
            if utf8.elementsEqual(key.utf8) {
                value = ""
            } else if utf8.starts(with: key.utf8), utf8.dropFirst(key.utf8.count).first == UInt8(ascii: " ") {
                value = Substring(line.unicodeScalars.dropFirst(key.utf8.count + 1))
            } else {
                throw fail(index + 1, "expected key '\(key)'")
            }
            guard let unescaped = unescape(value) else { throw fail(index + 1, "bad escape in \(key)") }
            values.append(unescaped)
        }
        guard values[0] == formatLine else { throw fail(1, "unknown format '\(values[0])'") }
        guard ModuleID.isValid(values[1]) else { throw fail(2, "module must be a module id") }
        guard let first = values[2].unicodeScalars.first, let last = values[2].unicodeScalars.last,
              !CharacterSet.whitespaces.contains(first), !CharacterSet.whitespaces.contains(last) else { throw fail(3, "path must be a file path") }
        for (index, name) in [(4, "role"), (7, "reviewer-id"), (9, "reviewer-email")] where !isToken(values[index]) {
            throw fail(index + 1, "\(name) must be non-empty text without spaces")
        }
        guard let fingerprint = Fingerprint(values[3]) else { throw fail(4, "bad fingerprint") }
        guard let meaning = SignoffMeaning(rawValue: values[5]) else { throw fail(6, "unknown meaning '\(values[5])'") }
        guard let time = Timestamp.parse(values[10]) else { throw fail(11, "time must be RFC 3339 UTC such as 2026-03-28T14:03:11Z") }
        guard let commit = ObjectID(hex: values[11]) else { throw fail(12, "commit must be 40 hexadecimal digits") }
        guard values[13].utf8.count == 32, values[13].utf8.allSatisfy(Hex.isDigit) else { throw fail(14, "nonce must be 32 hexadecimal digits") }
        let revokes = values[6].isEmpty ? nil : values[6]
        guard (meaning == .revoked) == (revokes != nil) else { throw fail(7, "revokes must be set exactly when the meaning is revoked") }
        var signature: String?
        let trailing = lines[keys.count...]
        if !trailing.isEmpty {
            guard trailing.first == Substring(signatureBegin), trailing.last == Substring(signatureEnd) else {
                throw fail(keys.count + 1, "unexpected text after the payload")
            }
            signature = trailing.joined(separator: "\n") + "\n"
        }
        let record = SignoffRecord(module: values[1], path: values[2], fingerprint: fingerprint, role: values[4],
                                   meaning: meaning, revokes: revokes, reviewerID: values[7], reviewerName: values[8],
                                   reviewerEmail: values[9], time: time, commit: commit, comment: values[12],
                                   nonce: values[13], signature: signature)
        guard record.fileContents == text else { throw fail(nil, "payload is not in canonical form") }
        return record
    }
}

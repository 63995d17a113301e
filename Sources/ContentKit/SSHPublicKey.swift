import Crypto
import Foundation

/// Why a public key line or blob was refused.
public struct SSHKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// A public key as written in authorized_keys or a roster: `type base64 [comment]`.
///
/// Only the key types contentctl verifies itself are accepted: Ed25519, ECDSA P-256 and their
/// security-key (FIDO) variants. Equality and hashing are the key's identity (its wire blob): the
/// comment is carried for display but two lines with the same key and different comments are equal.
public struct SSHPublicKey: Hashable, Sendable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case ed25519 = "ssh-ed25519"
        case ecdsaP256 = "ecdsa-sha2-nistp256"
        case skEd25519 = "sk-ssh-ed25519@openssh.com"
        case skEcdsaP256 = "sk-ecdsa-sha2-nistp256@openssh.com"

        var isSecurityKey: Bool { self == .skEd25519 || self == .skEcdsaP256 }
    }

    public let algorithm: Algorithm
    /// The key in SSH wire format (what the base64 of a key line decodes to).
    public let blob: [UInt8]
    public let comment: String
    /// The raw key: 32 bytes for Ed25519, the 65-byte uncompressed point for P-256.
    let keyMaterial: [UInt8]
    /// The FIDO application (usually `ssh:`) of a security key; nil for plain keys.
    let application: [UInt8]?

    /// Parses `type base64 [comment]`. Refuses other key types (RSA, DSA, ECDSA P-384/P-521, certificates),
    /// authorized_keys options, a type that does not match the encoded key, and malformed lines.
    public init(line: String) throws(SSHKeyError) {
        let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: " \t\n"))
        guard !trimmed.isEmpty else { throw SSHKeyError("empty key line") }
        guard !trimmed.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            throw SSHKeyError("a public key must be on one line")
        }
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let typeEnd = trimmed.firstIndex(where: isBlank) ?? trimmed.endIndex
        let type = String(trimmed[..<typeEnd])
        let rest = trimmed[typeEnd...].drop(while: isBlank)
        let dataEnd = rest.firstIndex(where: isBlank) ?? rest.endIndex
        let base64 = rest[..<dataEnd]
        let comment = String(rest[dataEnd...].drop(while: isBlank))

        guard let algorithm = Algorithm(rawValue: type) else {
            let words = trimmed.split(whereSeparator: isBlank).dropFirst()
            if words.contains(where: { Algorithm(rawValue: String($0)) != nil }) {
                throw SSHKeyError("options before the key type are not accepted; give only 'type base64 [comment]'")
            }
            throw SSHKeyError(Self.unsupportedReason(type))
        }
        guard !base64.isEmpty else { throw SSHKeyError("\(type) key line has no base64 key after the type") }
        guard let blob = SSHBase64.decode(base64) else {
            throw SSHKeyError("\(type) key is not valid base64")
        }
        let key = try SSHPublicKey(blob: blob, comment: comment)
        guard key.algorithm == algorithm else {
            throw SSHKeyError("key line says \(type) but the encoded key is \(key.algorithm.rawValue)")
        }
        self = key
    }

    /// Parses a key in SSH wire format.
    public init(blob: [UInt8]) throws(SSHKeyError) {
        try self.init(blob: blob, comment: "")
    }

    init(blob: [UInt8], comment: String) throws(SSHKeyError) {
        var reader = SSHWireReader(blob)
        do {
            let typeBytes = try reader.string(field: "key type")
            guard let type = String(validating: typeBytes, as: UTF8.self) else {
                throw SSHKeyError("key type is not valid UTF-8")
            }
            guard let algorithm = Algorithm(rawValue: type) else { throw SSHKeyError(Self.unsupportedReason(type)) }
            var application: [UInt8]?
            let material: [UInt8]
            switch algorithm {
            case .ed25519, .skEd25519:
                material = try reader.string(field: "Ed25519 public key")
                guard material.count == 32 else {
                    throw SSHKeyError("Ed25519 public key is \(material.count) bytes, expected 32")
                }
            case .ecdsaP256, .skEcdsaP256:
                let curve = try reader.string(field: "curve name")
                guard curve == Array("nistp256".utf8) else {
                    throw SSHKeyError("\(type) key names curve \(SSHDisplay.quoted(curve)), expected nistp256")
                }
                material = try reader.string(field: "P-256 public point")
                guard material.count == 65, material.first == 0x04 else {
                    throw SSHKeyError("P-256 public point must be 65 bytes, uncompressed (04 || X || Y), got \(material.count) bytes")
                }
                guard (try? P256.Signing.PublicKey(x963Representation: material)) != nil else {
                    throw SSHKeyError("P-256 public point is not on the curve")
                }
            }
            if algorithm.isSecurityKey {
                application = try reader.string(field: "security key application")
            }
            try reader.requireEnd("the public key")
            self.algorithm = algorithm
            self.blob = blob
            self.comment = comment
            self.keyMaterial = material
            self.application = application
        } catch let error as SSHWireError {
            throw SSHKeyError("malformed public key: \(error.reason)")
        } catch let error as SSHKeyError {
            throw error
        } catch {
            throw SSHKeyError("malformed public key: \(error)")
        }
    }

    /// `type base64`, without the comment: the form written to allowed_signers and compared in rosters.
    public var line: String {
        algorithm.rawValue + " " + SSHBase64.encode(blob)
    }

    /// `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -l` prints it.
    public var fingerprint: String {
        let digest = SHA256.hash(data: blob)
        let encoded = Data(digest).base64EncodedString()
        return "SHA256:" + encoded.replacingOccurrences(of: "=", with: "")
    }

    public static func == (lhs: SSHPublicKey, rhs: SSHPublicKey) -> Bool {
        lhs.blob == rhs.blob
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(blob)
    }

    static func unsupportedReason(_ type: String) -> String {
        let accepted = "use an Ed25519 key (ssh-keygen -t ed25519), ECDSA P-256, or their -sk security-key forms"
        switch type {
        case "":
            return "missing key type"
        case "ssh-rsa", "rsa-sha2-256", "rsa-sha2-512":
            return "RSA keys are not accepted; \(accepted)"
        case "ssh-dss":
            return "DSA keys are not accepted; \(accepted)"
        case "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            return "ECDSA keys on \(type.dropFirst("ecdsa-sha2-".count)) are not accepted, only nistp256; \(accepted)"
        case _ where type.hasSuffix("-cert-v01@openssh.com"):
            return "SSH certificates are not accepted; give the plain public key"
        default:
            return "unknown key type \(SSHDisplay.quoted(Array(type.utf8))); \(accepted)"
        }
    }
}

extension SSHPublicKey: CustomStringConvertible {
    public var description: String { comment.isEmpty ? line : line + " " + comment }
}

/// Shows untrusted bytes in an error message: quoted, printable ASCII only, cut short.
enum SSHDisplay {
    static func quoted(_ bytes: [UInt8], limit: Int = 40) -> String {
        var text = ""
        for byte in bytes.prefix(limit) {
            if byte >= 0x20 && byte < 0x7f && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "\\") {
                text.append(Character(Unicode.Scalar(byte)))
            } else {
                text += String(format: "\\x%02x", byte)
            }
        }
        return "'" + text + (bytes.count > limit ? "...'" : "'")
    }
}

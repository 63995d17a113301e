import Crypto
import Foundation

/// Why an SSH signature was refused, as one human-readable line.
public struct SSHSignatureError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// An OpenSSH signature (`ssh-keygen -Y sign`, OpenSSH PROTOCOL.sshsig), parsed strictly.
///
/// Stricter than `ssh-keygen -Y verify`, on purpose: only version 1 (ssh-keygen also takes 0), the reserved
/// field must be empty (ssh-keygen ignores it), no trailing bytes anywhere, a signature type that is exactly
/// the key's type, and only the key types `SSHPublicKey` accepts (Ed25519, ECDSA P-256, and their
/// security-key forms). Security-key signatures must carry the user-presence flag, as ssh-keygen requires
/// unless the allowed signer says `no-touch-required`.
public struct SSHSignature: Sendable {
    public static let armorBegin = "-----BEGIN SSH SIGNATURE-----"
    public static let armorEnd = "-----END SSH SIGNATURE-----"

    static let magic: [UInt8] = Array("SSHSIG".utf8)
    static let userPresenceFlag: UInt8 = 0x01

    public let publicKey: SSHPublicKey
    public let namespace: String
    /// `sha256` or `sha512`: how the message is hashed before it is signed.
    public let hashAlgorithm: String
    /// The raw signature: 64 bytes, Ed25519 R || S or ECDSA r || s (each left-padded to 32 bytes).
    let rawSignature: [UInt8]
    /// The security key's flags and counter; nil for plain keys.
    let securityKey: (flags: UInt8, counter: UInt32)?

    /// Parses an armored SSHSIG strictly. Line endings may be LF or CRLF; nothing may come before the
    /// begin marker or after the end marker except one final line ending.
    public init(armored: String) throws(SSHSignatureError) {
        let blob = try Self.dearmor(armored)
        var reader = SSHWireReader(blob)
        do {
            let magic = try reader.bytes(Self.magic.count, field: "signature magic")
            guard magic == Self.magic else {
                throw SSHSignatureError("not an SSH signature: the blob starts with \(SSHDisplay.quoted(magic)), expected 'SSHSIG'")
            }
            let version = try reader.uint32(field: "signature version")
            if version == 0 {
                throw SSHSignatureError("SSH signature version 0 is not accepted, only version 1")
            }
            guard version == 1 else {
                throw SSHSignatureError("SSH signature version \(version) is not supported, only version 1")
            }
            let keyBlob = try reader.string(field: "signature public key")
            let publicKey: SSHPublicKey
            do {
                publicKey = try SSHPublicKey(blob: keyBlob)
            } catch {
                throw SSHSignatureError("signature public key refused: \(error.reason)")
            }
            let namespace = try reader.text(field: "signature namespace")
            guard !namespace.isEmpty else { throw SSHSignatureError("signature namespace is empty") }
            let reserved = try reader.string(field: "signature reserved field")
            guard reserved.isEmpty else {
                throw SSHSignatureError("signature reserved field must be empty but holds \(reserved.count) bytes")
            }
            let hashBytes = try reader.string(field: "signature hash algorithm")
            guard hashBytes == Array("sha256".utf8) || hashBytes == Array("sha512".utf8) else {
                throw SSHSignatureError("signature hash algorithm \(SSHDisplay.quoted(hashBytes)) is not supported, only sha256 or sha512")
            }
            let signatureBlob = try reader.string(field: "signature")
            try reader.requireEnd("the SSH signature")
            let (rawSignature, securityKey) = try Self.parseSignature(signatureBlob, key: publicKey)

            self.publicKey = publicKey
            self.namespace = namespace
            self.hashAlgorithm = String(decoding: hashBytes, as: UTF8.self)
            self.rawSignature = rawSignature
            self.securityKey = securityKey
        } catch let error as SSHWireError {
            throw SSHSignatureError("malformed SSH signature: \(error.reason)")
        } catch let error as SSHSignatureError {
            throw error
        } catch {
            throw SSHSignatureError("malformed SSH signature: \(error)")
        }
    }

    /// Verifies `message` under `namespace`; throws with a specific, human-readable reason.
    public func verify(_ message: [UInt8], namespace: String) throws(SSHSignatureError) {
        guard namespace == self.namespace else {
            throw SSHSignatureError("signature namespace is \(SSHDisplay.quoted(Array(self.namespace.utf8))), "
                + "expected \(SSHDisplay.quoted(Array(namespace.utf8)))")
        }
        let signed = Self.signedData(message: message, namespace: namespace, hashAlgorithm: hashAlgorithm)
        let keyName = publicKey.algorithm.rawValue
        let valid: Bool
        switch publicKey.algorithm {
        case .ed25519:
            valid = Self.ed25519Verifies(rawSignature, over: signed, key: publicKey.keyMaterial)
        case .ecdsaP256:
            valid = Self.p256Verifies(rawSignature, over: signed, key: publicKey.keyMaterial)
        case .skEd25519, .skEcdsaP256:
            guard let securityKey, let application = publicKey.application else {
                throw SSHSignatureError("security key signature lacks its flags and counter")
            }
            let data = Self.securityKeySignedData(application: application, flags: securityKey.flags,
                                                  counter: securityKey.counter, signed: signed)
            if publicKey.algorithm == .skEd25519 {
                valid = Self.ed25519Verifies(rawSignature, over: data, key: publicKey.keyMaterial)
            } else {
                valid = Self.p256Verifies(rawSignature, over: data, key: publicKey.keyMaterial)
            }
            if valid && securityKey.flags & Self.userPresenceFlag == 0 {
                throw SSHSignatureError("security key signature lacks the user-presence flag")
            }
        }
        guard valid else {
            throw SSHSignatureError("\(keyName) signature by \(publicKey.fingerprint) does not verify: "
                + "the message or the signature was changed, or it was signed with another key")
        }
    }

    // MARK: - Signed data

    /// What the key signs: `SSHSIG`, string(namespace), string(""), string(hash algorithm), string(H(message)).
    static func signedData(message: [UInt8], namespace: String, hashAlgorithm: String) -> [UInt8] {
        let digest: [UInt8] = hashAlgorithm == "sha256"
            ? Array(SHA256.hash(data: message))
            : Array(SHA512.hash(data: message))
        var writer = SSHWireWriter()
        writer.raw(magic)
        writer.string(namespace)
        writer.string([UInt8]())
        writer.string(hashAlgorithm)
        writer.string(digest)
        return writer.bytes
    }

    /// What a FIDO security key signs (OpenSSH PROTOCOL.u2f):
    /// SHA256(application) || flags || counter || SHA256(signed data).
    static func securityKeySignedData(application: [UInt8], flags: UInt8, counter: UInt32, signed: [UInt8]) -> [UInt8] {
        var writer = SSHWireWriter()
        writer.raw(SHA256.hash(data: application))
        writer.byte(flags)
        writer.uint32(counter)
        writer.raw(SHA256.hash(data: signed))
        return writer.bytes
    }

    static func ed25519Verifies(_ signature: [UInt8], over data: [UInt8], key: [UInt8]) -> Bool {
        guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key) else { return false }
        return publicKey.isValidSignature(signature, for: data)
    }

    /// ECDSA over P-256 with SHA-256 (swift-crypto hashes `data` itself).
    static func p256Verifies(_ signature: [UInt8], over data: [UInt8], key: [UInt8]) -> Bool {
        guard let publicKey = try? P256.Signing.PublicKey(x963Representation: key),
              let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
        return publicKey.isValidSignature(ecdsa, for: data)
    }

    // MARK: - Parsing

    /// The inner signature: string(type) string(signature) [byte flags, uint32 counter for security keys].
    private static func parseSignature(_ blob: [UInt8], key: SSHPublicKey) throws(SSHSignatureError)
        -> ([UInt8], (flags: UInt8, counter: UInt32)?) {
        var reader = SSHWireReader(blob)
        do {
            let type = try reader.string(field: "signature type")
            guard type == Array(key.algorithm.rawValue.utf8) else {
                throw SSHSignatureError("signature type \(SSHDisplay.quoted(type)) does not match the signing key's type '\(key.algorithm.rawValue)'")
            }
            let raw: [UInt8]
            switch key.algorithm {
            case .ed25519, .skEd25519:
                raw = try reader.string(field: "Ed25519 signature")
                guard raw.count == 64 else {
                    throw SSHSignatureError("Ed25519 signature is \(raw.count) bytes, expected 64")
                }
            case .ecdsaP256, .skEcdsaP256:
                var inner = SSHWireReader(try reader.string(field: "ECDSA signature"))
                let r = try inner.positiveMPInt(size: 32, field: "ECDSA signature r")
                let s = try inner.positiveMPInt(size: 32, field: "ECDSA signature s")
                try inner.requireEnd("the ECDSA signature's r and s")
                raw = r + s
            }
            var securityKey: (flags: UInt8, counter: UInt32)?
            if key.algorithm.isSecurityKey {
                let flags = try reader.byte(field: "security key flags")
                let counter = try reader.uint32(field: "security key counter")
                securityKey = (flags, counter)
            }
            try reader.requireEnd("the signature")
            return (raw, securityKey)
        } catch let error as SSHWireError {
            throw SSHSignatureError("malformed SSH signature: \(error.reason)")
        } catch let error as SSHSignatureError {
            throw error
        } catch {
            throw SSHSignatureError("malformed SSH signature: \(error)")
        }
    }

    /// The blob inside the armor: exact marker lines, non-empty base64 lines, strict base64.
    private static func dearmor(_ armored: String) throws(SSHSignatureError) -> [UInt8] {
        // Split on scalars: as Characters, "\r\n" is one grapheme and would not split on "\n".
        var lines = armored.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.last == "\r" ? line.dropLast() : line)
        }
        if lines.count > 1, lines.last?.isEmpty == true {
            lines.removeLast()
        }
        guard let first = lines.first, first == armorBegin else {
            throw SSHSignatureError("SSH signature must start with the line '\(armorBegin)'")
        }
        guard lines.count > 1, let last = lines.last, last == armorEnd else {
            throw SSHSignatureError("SSH signature must end with the line '\(armorEnd)'; it is truncated or has text after it")
        }
        let body = lines.dropFirst().dropLast()
        guard !body.isEmpty else { throw SSHSignatureError("SSH signature armor holds no base64 lines") }
        for (index, line) in body.enumerated() where line.isEmpty {
            throw SSHSignatureError("SSH signature armor has a blank line (line \(index + 2))")
        }
        guard let blob = SSHBase64.decode(body.joined()) else {
            throw SSHSignatureError("SSH signature armor is not valid base64 (truncated or edited)")
        }
        return blob
    }
}

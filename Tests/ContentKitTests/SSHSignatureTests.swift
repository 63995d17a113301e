@testable import ContentKit
import Crypto
import Foundation
import Testing
import TestSupport

/// SSH signatures checked against what the real ssh-keygen writes and accepts, and security-key signatures
/// built by hand (no hardware key in CI) following OpenSSH PROTOCOL.sshsig and PROTOCOL.u2f.
@Suite struct SSHSignatureTests {
    static let namespace = "contentctl-signoff"
    static let payload: [UInt8] = Array("contentctl-signoff 1\nmodule dosing\nfingerprint fp1:sha256:abc\n".utf8)

    // MARK: - ssh-keygen signatures

    @Test(arguments: [KeyType.ed25519, KeyType.ecdsa])
    func sshKeygenSignatureParsesAndVerifies(type: KeyType) throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(type, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        let signature = try SSHSignature(armored: armored)
        #expect(signature.publicKey == key.publicKey)
        #expect(signature.publicKey.algorithm == type.algorithm)
        #expect(signature.namespace == Self.namespace)
        #expect(signature.hashAlgorithm == "sha512")
        #expect(throws: Never.self) { try signature.verify(Self.payload, namespace: Self.namespace) }
    }

    @Test func sshKeygenSHA256SignatureVerifies() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch, options: ["-O", "hashalg=sha256"])
        let signature = try SSHSignature(armored: armored)
        #expect(signature.hashAlgorithm == "sha256")
        #expect(throws: Never.self) { try signature.verify(Self.payload, namespace: Self.namespace) }
        #expect(Self.refusal(armored, message: Self.payload + [0x0a]) != nil)
    }

    @Test func crlfArmorIsAccepted() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        let crlf = armored.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(Self.refusal(crlf, message: Self.payload) == nil)
        let noFinalNewline = String(armored.dropLast())
        #expect(Self.refusal(noFinalNewline, message: Self.payload) == nil)
    }

    // MARK: - Rejections

    @Test(arguments: [KeyType.ed25519, KeyType.ecdsa])
    func flippedSignatureBitIsRefused(type: KeyType) throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(type, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        var blob = try Armor.blob(armored)
        // The last bytes are the signature itself (Ed25519 S, or ECDSA s).
        blob[blob.count - 10] ^= 0x01
        let reason = Self.refusal(Armor.wrap(blob), message: Self.payload)
        #expect(reason?.contains("does not verify") == true)
    }

    @Test func otherNamespaceIsRefused() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: "git", in: scratch)
        let reason = Self.refusal(armored, message: Self.payload)
        #expect(reason == "signature namespace is 'git', expected 'contentctl-signoff'")
    }

    @Test func editedMessageIsRefused() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        var edited = Self.payload
        edited[edited.count - 2] = UInt8(ascii: "d")
        let reason = Self.refusal(armored, message: edited)
        #expect(reason?.contains("does not verify") == true)
        #expect(Self.refusal(armored, message: Self.payload) == nil)
    }

    @Test func swappedSignatureIsRefused() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ecdsa, in: scratch)
        let messageA = Array("module a\n".utf8)
        let messageB = Array("module b\n".utf8)
        let signatureA = try Keygen.sign(messageA, key: key, namespace: Self.namespace, in: scratch)
        let signatureB = try Keygen.sign(messageB, key: key, namespace: Self.namespace, in: scratch)
        #expect(Self.refusal(signatureA, message: messageA) == nil)
        #expect(Self.refusal(signatureB, message: messageB) == nil)
        let reason = Self.refusal(signatureA, message: messageB)
        #expect(reason?.contains("does not verify") == true)
    }

    @Test func trailingBytesAfterTheBlobAreRefused() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        let blob = try Armor.blob(armored)
        let reason = Self.refusal(Armor.wrap(blob + [0x00]), message: Self.payload)
        #expect(reason == "malformed SSH signature: 1 unexpected trailing bytes after the SSH signature")
    }

    @Test(arguments: [(UInt8(2), "version 2 is not supported"), (UInt8(0), "version 0 is not accepted")])
    func otherVersionsAreRefused(version: UInt8, expected: String) throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        var blob = try Armor.blob(armored)
        #expect(Array(blob[6..<10]) == [0, 0, 0, 1])
        blob[9] = version
        let reason = Self.refusal(Armor.wrap(blob), message: Self.payload)
        #expect(reason?.contains(expected) == true)
    }

    @Test func otherHashAlgorithmIsRefused() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        var blob = try Armor.blob(armored)
        let range = try #require(blob.firstRange(of: Array("sha512".utf8)))
        blob.replaceSubrange(range, with: Array("sha384".utf8))
        let reason = Self.refusal(Armor.wrap(blob), message: Self.payload)
        #expect(reason == "signature hash algorithm 'sha384' is not supported, only sha256 or sha512")
    }

    @Test func rsaKeySignatureIsRefused() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.rsa, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        let reason = Self.refusal(armored, message: Self.payload)
        #expect(reason?.hasPrefix("signature public key refused: RSA keys are not accepted") == true)
    }

    @Test func truncatedArmorIsRefused() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        let lines = armored.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count <= 70 })

        let withoutEnd = lines.dropLast().joined(separator: "\n") + "\n"
        let noEnd = Self.refusal(withoutEnd, message: Self.payload)
        #expect(noEnd?.contains("must end with the line '-----END SSH SIGNATURE-----'") == true)

        let withoutLastBody = (lines.prefix(4) + [SSHSignature.armorEnd]).joined(separator: "\n")
        let badBase64 = Self.refusal(withoutLastBody, message: Self.payload)
        #expect(badBase64?.contains("not valid base64") == true)

        // Two full lines are 140 characters: valid base64, but the blob stops inside the signature.
        let cutAtQuantum = (lines.prefix(3) + [SSHSignature.armorEnd]).joined(separator: "\n")
        let truncated = Self.refusal(cutAtQuantum, message: Self.payload)
        #expect(truncated?.contains("truncated: signature claims") == true)

        let noBegin = Self.refusal(lines.dropFirst().joined(separator: "\n"), message: Self.payload)
        #expect(noBegin?.contains("must start with the line '-----BEGIN SSH SIGNATURE-----'") == true)

        let blankLine = ([lines[0], ""] + lines.dropFirst()).joined(separator: "\n")
        let blank = Self.refusal(blankLine, message: Self.payload)
        #expect(blank?.contains("blank line") == true)
    }

    @Test func badMagicAndReservedAreRefused() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let armored = try Keygen.sign(Self.payload, key: key, namespace: Self.namespace, in: scratch)
        var badMagic = try Armor.blob(armored)
        badMagic[0] = UInt8(ascii: "X")
        let magic = Self.refusal(Armor.wrap(badMagic), message: Self.payload)
        #expect(magic?.contains("not an SSH signature") == true)

        let hand = HandSigner(.ed25519)
        let reserved = try hand.sign(Self.payload, namespace: Self.namespace, reserved: [0x41])
        let reason = Self.refusal(reserved, message: Self.payload)
        #expect(reason == "signature reserved field must be empty but holds 1 bytes")
    }

    // MARK: - Hand-built signatures: trailing bytes inside, type mismatch

    @Test(arguments: HandSigner.Kind.allCases)
    func handBuiltSignatureVerifies(kind: HandSigner.Kind) throws {
        let hand = HandSigner(kind)
        let armored = try hand.sign(Self.payload, namespace: Self.namespace)
        let signature = try SSHSignature(armored: armored)
        #expect(signature.publicKey.algorithm == kind.algorithm)
        #expect(signature.publicKey.blob == hand.keyBlob)
        #expect(throws: Never.self) { try signature.verify(Self.payload, namespace: Self.namespace) }
        let reason = Self.refusal(armored, message: Self.payload + [0x20])
        #expect(reason?.contains("does not verify") == true)
    }

    @Test(arguments: HandSigner.Kind.allCases)
    func trailingBytesInsideTheSignatureAreRefused(kind: HandSigner.Kind) throws {
        var hand = HandSigner(kind)
        hand.signatureTrailer = [0x00]
        let reason = Self.refusal(try hand.sign(Self.payload, namespace: Self.namespace), message: Self.payload)
        #expect(reason == "malformed SSH signature: 1 unexpected trailing bytes after the signature")
    }

    @Test(arguments: [HandSigner.Kind.p256, HandSigner.Kind.skP256])
    func trailingBytesAfterECDSAIntegersAreRefused(kind: HandSigner.Kind) throws {
        var hand = HandSigner(kind)
        hand.rsTrailer = [0x00, 0x00]
        let reason = Self.refusal(try hand.sign(Self.payload, namespace: Self.namespace), message: Self.payload)
        #expect(reason == "malformed SSH signature: 2 unexpected trailing bytes after the ECDSA signature's r and s")
    }

    @Test func plainSignatureTypeForASecurityKeyIsRefused() throws {
        var hand = HandSigner(.skEd25519)
        hand.signatureType = "ssh-ed25519"
        let reason = Self.refusal(try hand.sign(Self.payload, namespace: Self.namespace), message: Self.payload)
        #expect(reason == "signature type 'ssh-ed25519' does not match the signing key's type 'sk-ssh-ed25519@openssh.com'")
    }

    // MARK: - Security keys (PROTOCOL.u2f)

    @Test(arguments: [HandSigner.Kind.skEd25519, HandSigner.Kind.skP256])
    func securityKeySignatureWithUserPresenceVerifies(kind: HandSigner.Kind) throws {
        let scratch = try Scratch()
        let hand = HandSigner(kind)
        let armored = try hand.sign(Self.payload, namespace: Self.namespace)
        #expect(Self.refusal(armored, message: Self.payload) == nil)
        // ssh-keygen agrees, so the hand-built format is OpenSSH's.
        let accepted = try Keygen.verify(armored, message: Self.payload, keyLine: hand.keyLine, namespace: Self.namespace, in: scratch)
        #expect(accepted)
    }

    @Test(arguments: [HandSigner.Kind.skEd25519, HandSigner.Kind.skP256])
    func securityKeySignatureWithoutUserPresenceIsRefused(kind: HandSigner.Kind) throws {
        let scratch = try Scratch()
        var hand = HandSigner(kind)
        hand.flags = 0x00
        let armored = try hand.sign(Self.payload, namespace: Self.namespace)
        let reason = Self.refusal(armored, message: Self.payload)
        #expect(reason == "security key signature lacks the user-presence flag")
        // ssh-keygen -Y verify does not check the flag (only sshd does), so it accepts this signature:
        // it is otherwise valid, and the refusal above is for the missing flag alone.
        let accepted = try Keygen.verify(armored, message: Self.payload, keyLine: hand.keyLine, namespace: Self.namespace, in: scratch)
        #expect(accepted)
    }

    @Test(arguments: [HandSigner.Kind.skEd25519, HandSigner.Kind.skP256])
    func securityKeyCounterIsSigned(kind: HandSigner.Kind) throws {
        var hand = HandSigner(kind)
        hand.counter = 41
        hand.signedCounter = 42
        let reason = Self.refusal(try hand.sign(Self.payload, namespace: Self.namespace), message: Self.payload)
        #expect(reason?.contains("does not verify") == true)
        hand.signedCounter = nil
        #expect(Self.refusal(try hand.sign(Self.payload, namespace: Self.namespace), message: Self.payload) == nil)
    }

    @Test func securityKeySignatureWithoutFlagsAndCounterIsRefused() throws {
        var hand = HandSigner(.skEd25519)
        hand.omitSecurityKeyFields = true
        let reason = Self.refusal(try hand.sign(Self.payload, namespace: Self.namespace), message: Self.payload)
        #expect(reason?.contains("truncated: security key flags") == true)
    }

    // MARK: - SSHSigner

    @Test func signerSignsSeveralMessagesInOneRun() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let wrapper = try Keygen.loggingWrapper(in: scratch)
        let messages = (1...3).map { Array("contentctl-signoff 1\nrecord \($0)\n".utf8) }
        let signatures = try SSHSigner.sign(messages, namespace: Self.namespace, signingKey: key.privatePath,
                                            program: wrapper.program, environment: Keygen.environment)
        #expect(signatures.count == 3)
        let runs = try wrapper.runs()
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.mode == "drwx------")
        #expect(!FileManager.default.fileExists(atPath: run.folder))

        for (index, message) in messages.enumerated() {
            let signature = signatures[index]
            let accepted = try Keygen.verify(signature, message: message, keyLine: key.publicLine,
                                             namespace: Self.namespace, in: scratch)
            #expect(accepted)
            let parsed = try SSHSignature(armored: signature)
            #expect(parsed.publicKey == key.publicKey)
            #expect(throws: Never.self) { try parsed.verify(message, namespace: Self.namespace) }
            // In order: each signature belongs to its own message only.
            let other = messages[(index + 1) % messages.count]
            #expect(Self.refusal(signature, message: other) != nil)
        }
    }

    @Test func signerExpandsHomeInTheKeyPath() throws {
        let scratch = try Scratch()
        let home = scratch.path("home")
        try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true)
        let key = try Keygen.generate(.ecdsa, in: scratch, at: "home/.ssh/id_ecdsa")
        var environment = Keygen.environment
        environment["HOME"] = home
        let signatures = try SSHSigner.sign([Self.payload], namespace: Self.namespace, signingKey: "~/.ssh/id_ecdsa",
                                            program: nil, environment: environment)
        #expect(signatures.count == 1)
        let signature = try SSHSignature(armored: try #require(signatures.first))
        #expect(signature.publicKey == key.publicKey)
        #expect(throws: Never.self) { try signature.verify(Self.payload, namespace: Self.namespace) }
    }

    @Test func signerSignsWithAPublicKeyPathWhosePrivateKeyIsBesideIt() throws {
        // git's usual setting is user.signingkey = ~/.ssh/id_ed25519.pub; ssh-keygen finds the private key beside it.
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let signatures = try SSHSigner.sign([Self.payload], namespace: Self.namespace, signingKey: key.privatePath + ".pub",
                                            program: nil, environment: Keygen.environment)
        let signature = try SSHSignature(armored: try #require(signatures.first))
        #expect(signature.publicKey == key.publicKey)
    }

    @Test func signerRefusesAMissingKeyFile() throws {
        let scratch = try Scratch()
        let wrapper = try Keygen.loggingWrapper(in: scratch)
        let missing = scratch.path("no-such-key")
        let reason = Self.signerRefusal(signingKey: missing, program: wrapper.program, environment: Keygen.environment)
        #expect(reason == "signing key file '\(missing)' does not exist (user.signingkey)")
        #expect(try wrapper.runs().isEmpty)

        var environment = Keygen.environment
        environment["HOME"] = scratch.path("home")
        let tilde = Self.signerRefusal(signingKey: "~/.ssh/id_ed25519", program: nil, environment: environment)
        #expect(tilde == "signing key file '\(scratch.path("home"))/.ssh/id_ed25519' does not exist (user.signingkey)")
    }

    @Test func signerReportsAMissingProgram() throws {
        let scratch = try Scratch()
        let key = try Keygen.generate(.ed25519, in: scratch)
        let named = Self.signerRefusal(signingKey: key.privatePath, program: "contentctl-no-such-keygen", environment: Keygen.environment)
        #expect(named == "signing program 'contentctl-no-such-keygen' was not found on PATH; check gpg.ssh.program")

        var emptyPath = Keygen.environment
        emptyPath["PATH"] = scratch.path("empty")
        let defaulted = Self.signerRefusal(signingKey: key.privatePath, program: nil, environment: emptyPath)
        #expect(defaulted == "signing program 'ssh-keygen' was not found on PATH; install OpenSSH or set gpg.ssh.program")

        let path = scratch.path("bin/ssh-keygen")
        let absolute = Self.signerRefusal(signingKey: key.privatePath, program: path, environment: Keygen.environment)
        #expect(absolute == "signing program '\(path)' does not exist or is not executable (gpg.ssh.program)")
    }

    @Test func signerReportsWhySshKeygenFailed() throws {
        let scratch = try Scratch()
        let keyPath = scratch.path("not-a-key")
        try Data("this is not a key\n".utf8).write(to: URL(fileURLWithPath: keyPath))
        let wrapper = try Keygen.loggingWrapper(in: scratch)
        let reason = try #require(Self.signerRefusal(signingKey: keyPath, program: wrapper.program, environment: Keygen.environment))
        let prefix = "ssh-keygen-wrapper could not sign with \(keyPath): "
        #expect(reason.hasPrefix(prefix))
        #expect(reason.count > prefix.count + 5)
        #expect(!reason.contains("\n"))
        // The temporary folder is removed after a failure too.
        let run = try #require(try wrapper.runs().first)
        #expect(!FileManager.default.fileExists(atPath: run.folder))
    }

    // MARK: - Helpers

    /// The reason a signature is refused for `message`, or nil when it verifies.
    static func refusal(_ armored: String, message: [UInt8], namespace: String = SSHSignatureTests.namespace) -> String? {
        do {
            let signature = try SSHSignature(armored: armored)
            try signature.verify(message, namespace: namespace)
            return nil
        } catch {
            return error.reason
        }
    }

    static func signerRefusal(signingKey: String, program: String?, environment: [String: String]) -> String? {
        do {
            _ = try SSHSigner.sign([payload], namespace: namespace, signingKey: signingKey, program: program, environment: environment)
            return nil
        } catch {
            return error.reason
        }
    }
}

// MARK: - Fixtures

extension SSHSignatureTests {
    enum KeyType: String, Sendable, CustomTestStringConvertible {
        case ed25519, ecdsa, rsa

        var keygenArguments: [String] {
            switch self {
            case .ed25519: return ["-t", "ed25519"]
            case .ecdsa: return ["-t", "ecdsa", "-b", "256"]
            case .rsa: return ["-t", "rsa", "-b", "1024"]
            }
        }

        var algorithm: SSHPublicKey.Algorithm? {
            switch self {
            case .ed25519: return .ed25519
            case .ecdsa: return .ecdsaP256
            case .rsa: return nil
            }
        }

        var testDescription: String { rawValue }
    }

    /// A temporary folder removed when released.
    final class Scratch {
        let root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("contentctl-sshsig-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func path(_ name: String) -> String { root.appendingPathComponent(name).path }

        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let file = path(name)
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            return file
        }

        /// Writes a script for a test to run, opened close-on-exec: a process that another test starts meanwhile
        /// would otherwise inherit the open file, and running the script would fail as "text file busy".
        func writeProgram(_ name: String, _ text: String) throws -> String {
            let file = path(name)
            let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
            guard descriptor >= 0 else { throw TestFailure("cannot create \(file)") }
            defer { close(descriptor) }
            let bytes = Array(text.utf8)
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard written == bytes.count else { throw TestFailure("cannot write \(file)") }
            return file
        }
    }

    /// The real ssh-keygen, found on PATH.
    enum Keygen {
        struct Key {
            let privatePath: String
            let publicLine: String
            let publicKey: SSHPublicKey?
        }

        /// The test process's environment without an agent, so only key files are used.
        static var environment: [String: String] {
            ProcessInfo.processInfo.environment.filter { $0.key != "SSH_AUTH_SOCK" }
        }

        static func run(_ arguments: [String], in scratch: Scratch, input: String? = nil) throws -> Command.Result {
            try Command.run("/usr/bin/env", ["ssh-keygen"] + arguments, in: scratch.root.path, environment: environment, input: input)
        }

        static func generate(_ type: KeyType, in scratch: Scratch, at name: String? = nil) throws -> Key {
            let file = scratch.path(name ?? "id_\(type.rawValue)")
            let result = try run(["-q"] + type.keygenArguments + ["-N", "", "-C", "test", "-f", file], in: scratch)
            guard result.status == 0 else { throw TestFailure("ssh-keygen could not make a key: \(result.stderr)") }
            let line = try String(contentsOfFile: file + ".pub", encoding: .utf8)
            // SSHPublicKey refuses RSA keys: they have only the line.
            var publicKey: SSHPublicKey?
            if type != .rsa { publicKey = try SSHPublicKey(line: line) }
            return Key(privatePath: file, publicLine: line.trimmingCharacters(in: .whitespacesAndNewlines), publicKey: publicKey)
        }

        /// `ssh-keygen -Y sign` over `message`, returning the armored signature it wrote.
        static func sign(_ message: [UInt8], key: Key, namespace: String, in scratch: Scratch, options: [String] = []) throws -> String {
            let file = try scratch.write("message-\(UUID().uuidString)", message)
            let result = try run(["-Y", "sign", "-n", namespace, "-f", key.privatePath] + options + [file], in: scratch)
            guard result.status == 0 else { throw TestFailure("ssh-keygen -Y sign failed: \(result.stderr)") }
            return try String(contentsOfFile: file + ".sig", encoding: .utf8)
        }

        /// Whether `ssh-keygen -Y verify` accepts the signature for someone@example.com holding `keyLine`.
        static func verify(_ armored: String, message: [UInt8], keyLine: String, namespace: String, in scratch: Scratch) throws -> Bool {
            let name = UUID().uuidString
            let signers = "someone@example.com namespaces=\"\(namespace)\" \(keyLine)\n"
            let allowed = try scratch.write("allowed-\(name)", Array(signers.utf8))
            let signature = try scratch.write("sig-\(name)", Array(armored.utf8))
            let arguments = ["-Y", "verify", "-f", allowed, "-I", "someone@example.com", "-n", namespace, "-s", signature]
            let result = try run(arguments, in: scratch, input: String(decoding: message, as: UTF8.self))
            return result.status == 0
        }

        struct Wrapper {
            let program: String
            let log: String

            /// One entry per run: the mode and path of the folder holding the files it was asked to sign.
            func runs() throws -> [(mode: String, folder: String)] {
                guard FileManager.default.fileExists(atPath: log) else { return [] }
                return try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { line in
                    let parts = line.split(separator: " ", maxSplits: 1)
                    guard parts.count == 2 else { throw TestFailure("bad wrapper log line \(line)") }
                    return (String(parts[0]), String(parts[1]))
                }
            }
        }

        /// A gpg.ssh.program that logs each run, then runs the real ssh-keygen.
        static func loggingWrapper(in scratch: Scratch) throws -> Wrapper {
            let log = scratch.path("wrapper.log")
            let script = """
                #!/bin/sh
                for last in "$@"; do :; done
                folder=$(dirname "$last")
                printf '%s %s\\n' "$(ls -ld "$folder" | cut -c1-10)" "$folder" >> '\(log)'
                exec ssh-keygen "$@"

                """
            let program = try scratch.writeProgram("ssh-keygen-wrapper", script)
            return Wrapper(program: program, log: log)
        }
    }

    /// Armor as ssh-keygen writes it: base64 wrapped at 70 columns.
    enum Armor {
        static func blob(_ armored: String) throws -> [UInt8] {
            let body = armored.split(separator: "\n").dropFirst().dropLast().joined()
            guard let blob = SSHBase64.decode(body) else { throw TestFailure("test armor is not base64") }
            return blob
        }

        static func wrap(_ blob: [UInt8]) -> String {
            var text = SSHBase64.encode(blob)[...]
            var lines = [SSHSignature.armorBegin]
            while !text.isEmpty {
                lines.append(String(text.prefix(70)))
                text = text.dropFirst(70)
            }
            lines.append(SSHSignature.armorEnd)
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// Builds SSHSIG signatures with swift-crypto keys, written out field by field from PROTOCOL.sshsig and
    /// PROTOCOL.u2f (not with the code under test), with knobs to break them.
    struct HandSigner {
        enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case ed25519 = "ssh-ed25519"
            case p256 = "ecdsa-sha2-nistp256"
            case skEd25519 = "sk-ssh-ed25519@openssh.com"
            case skP256 = "sk-ecdsa-sha2-nistp256@openssh.com"

            var algorithm: SSHPublicKey.Algorithm? { SSHPublicKey.Algorithm(rawValue: rawValue) }
            var isSecurityKey: Bool { self == .skEd25519 || self == .skP256 }
            var isEd25519: Bool { self == .ed25519 || self == .skEd25519 }
            var testDescription: String { rawValue }
        }

        let kind: Kind
        let edKey = Curve25519.Signing.PrivateKey()
        let p256Key = P256.Signing.PrivateKey()
        let application = "ssh:"
        var flags: UInt8 = 0x01
        var counter: UInt32 = 7
        /// The counter put in the signed data, when it should differ from the one in the blob.
        var signedCounter: UInt32?
        var omitSecurityKeyFields = false
        var signatureType: String?
        var signatureTrailer: [UInt8] = []
        var rsTrailer: [UInt8] = []

        init(_ kind: Kind) { self.kind = kind }

        var keyBlob: [UInt8] {
            var key = SSHWireWriter()
            key.string(kind.rawValue)
            if kind.isEd25519 {
                key.string(Array(edKey.publicKey.rawRepresentation))
            } else {
                key.string("nistp256")
                key.string(Array(p256Key.publicKey.x963Representation))
            }
            if kind.isSecurityKey { key.string(application) }
            return key.bytes
        }

        var keyLine: String { kind.rawValue + " " + SSHBase64.encode(keyBlob) }

        func sign(_ message: [UInt8], namespace: String, reserved: [UInt8] = []) throws -> String {
            var signed = SSHWireWriter()
            signed.raw(Array("SSHSIG".utf8))
            signed.string(namespace)
            signed.string(reserved)
            signed.string("sha512")
            signed.string(Array(SHA512.hash(data: message)))

            var toSign = signed.bytes
            if kind.isSecurityKey {
                var u2f = SSHWireWriter()
                u2f.raw(Array(SHA256.hash(data: Array(application.utf8))))
                u2f.byte(flags)
                u2f.uint32(signedCounter ?? counter)
                u2f.raw(Array(SHA256.hash(data: signed.bytes)))
                toSign = u2f.bytes
            }

            var signature = SSHWireWriter()
            signature.string(signatureType ?? kind.rawValue)
            if kind.isEd25519 {
                signature.string(Array(try edKey.signature(for: toSign)))
            } else {
                let raw = Array(try p256Key.signature(for: toSign).rawRepresentation)
                var integers = SSHWireWriter()
                integers.mpint(unsigned: Array(raw.prefix(32)))
                integers.mpint(unsigned: Array(raw.suffix(32)))
                integers.raw(rsTrailer)
                signature.string(integers.bytes)
            }
            if kind.isSecurityKey && !omitSecurityKeyFields {
                signature.byte(flags)
                signature.uint32(counter)
            }
            signature.raw(signatureTrailer)

            var blob = SSHWireWriter()
            blob.raw(Array("SSHSIG".utf8))
            blob.uint32(1)
            blob.string(keyBlob)
            blob.string(namespace)
            blob.string(reserved)
            blob.string("sha512")
            blob.string(signature.bytes)
            return Armor.wrap(blob.bytes)
        }
    }
}

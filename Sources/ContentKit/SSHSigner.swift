import Foundation

/// Why signing with ssh-keygen failed, as one human-readable line.
public struct SSHSignerError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Signs with the user's SSH key through `ssh-keygen -Y sign`, as git does with `gpg.format ssh`.
public enum SSHSigner {
    /// Signs every message with one `ssh-keygen -Y sign` run, so a passphrase or security-key touch is asked once.
    /// Returns the armored signatures in the same order.
    ///
    /// - Parameters:
    ///   - signingKey: `user.signingkey`. A literal public key (`key::...`, or text starting with `ssh-`,
    ///     `ecdsa-` or `sk-`) is signed with through ssh-agent (`-U`); anything else is a key file path,
    ///     with a leading `~/` taken from HOME in `environment`.
    ///   - program: `gpg.ssh.program`; nil means `ssh-keygen` found on PATH in `environment`.
    ///   - environment: the environment ssh-keygen runs with (PATH, HOME, SSH_AUTH_SOCK).
    public static func sign(_ messages: [[UInt8]], namespace: String, signingKey: String, program: String?,
                            environment: [String: String]) throws(SSHSignerError) -> [String] {
        guard !messages.isEmpty else { return [] }
        guard !namespace.isEmpty else { throw SSHSignerError("cannot sign with an empty signature namespace") }
        let executable = try resolveProgram(program, environment: environment)
        let programName = URL(fileURLWithPath: executable).lastPathComponent

        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("contentctl-sign-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SSHSignerError("could not create a temporary folder to sign in: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }

        let key = try resolveKey(signingKey, environment: environment, folder: folder)
        var files: [URL] = []
        for (index, message) in messages.enumerated() {
            let file = folder.appendingPathComponent("message-\(index + 1)")
            do {
                try Data(message).write(to: file, options: .withoutOverwriting)
            } catch {
                throw SSHSignerError("could not write message \(index + 1) to sign: \(error.localizedDescription)")
            }
            files.append(file)
        }

        var arguments = ["-Y", "sign", "-n", namespace, "-f", key.path]
        if key.isAgentKey { arguments.append("-U") }
        arguments += files.map(\.path)
        let (status, errorLines) = try run(executable, arguments: arguments, environment: environment)
        guard status == 0 else {
            let detail = errorLines.last.map { ": " + $0 } ?? " (exit status \(status), no message)"
            throw SSHSignerError("\(programName) could not sign with \(key.display)\(detail)")
        }

        var signatures: [String] = []
        for (index, file) in files.enumerated() {
            let signatureFile = file.appendingPathExtension("sig")
            guard let data = try? Data(contentsOf: signatureFile) else {
                throw SSHSignerError("\(programName) exited successfully but wrote no signature for message \(index + 1)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw SSHSignerError("\(programName) wrote a signature for message \(index + 1) that is not text")
            }
            signatures.append(text)
        }
        return signatures
    }

    // MARK: - Program

    static func resolveProgram(_ program: String?, environment: [String: String]) throws(SSHSignerError) -> String {
        let name = program ?? "ssh-keygen"
        guard !name.isEmpty else { throw SSHSignerError("gpg.ssh.program is empty") }
        if name.contains("/") {
            let path = try expandHome(name, environment: environment, what: "gpg.ssh.program")
            guard isExecutableFile(path) else {
                throw SSHSignerError("signing program '\(path)' does not exist or is not executable (gpg.ssh.program)")
            }
            return path
        }
        let searchPath = environment["PATH"] ?? "/usr/bin:/bin"
        for folder in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = String(folder) + "/" + name
            if isExecutableFile(candidate) { return candidate }
        }
        let hint = program == nil ? "install OpenSSH or set gpg.ssh.program" : "check gpg.ssh.program"
        throw SSHSignerError("signing program '\(name)' was not found on PATH; \(hint)")
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return false
        }
        return FileManager.default.isExecutableFile(atPath: path)
    }

    // MARK: - Key

    struct Key {
        var path: String
        /// A literal public key whose private half ssh-agent holds (`-U`).
        var isAgentKey: Bool
        var display: String
    }

    static func isLiteralKey(_ signingKey: String) -> Bool {
        ["key::", "ssh-", "ecdsa-", "sk-"].contains { signingKey.hasPrefix($0) }
    }

    static func resolveKey(_ signingKey: String, environment: [String: String], folder: URL) throws(SSHSignerError) -> Key {
        guard !signingKey.isEmpty else { throw SSHSignerError("no signing key: set user.signingkey") }
        if isLiteralKey(signingKey) {
            let literal = signingKey.hasPrefix("key::") ? String(signingKey.dropFirst("key::".count)) : signingKey
            let trimmed = literal.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw SSHSignerError("user.signingkey 'key::' holds no public key") }
            guard !trimmed.contains(where: \.isNewline) else {
                throw SSHSignerError("user.signingkey must hold one public key on one line")
            }
            let file = folder.appendingPathComponent("signing-key.pub")
            do {
                try Data((trimmed + "\n").utf8).write(to: file, options: .withoutOverwriting)
            } catch {
                throw SSHSignerError("could not write the signing public key to sign with: \(error.localizedDescription)")
            }
            let display: String
            if let key = try? SSHPublicKey(line: trimmed) {
                display = "the ssh-agent key \(key.algorithm.rawValue) \(key.fingerprint)"
            } else {
                display = "the ssh-agent key \(trimmed.prefix { !$0.isWhitespace }) from user.signingkey"
            }
            return Key(path: file.path, isAgentKey: true, display: display)
        }
        let path = try expandHome(signingKey, environment: environment, what: "user.signingkey")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SSHSignerError("signing key file '\(path)' does not exist (user.signingkey)")
        }
        guard !isDirectory.boolValue else {
            throw SSHSignerError("signing key '\(path)' is a folder, not a key file (user.signingkey)")
        }
        return Key(path: path, isAgentKey: false, display: path)
    }

    private static func expandHome(_ path: String, environment: [String: String], what: String) throws(SSHSignerError) -> String {
        guard path.hasPrefix("~/") else { return path }
        guard let home = environment["HOME"], !home.isEmpty else {
            throw SSHSignerError("\(what) '\(path)' starts with ~/ but HOME is not set")
        }
        let base = home.hasSuffix("/") ? String(home.dropLast()) : home
        return base + "/" + path.dropFirst(2)
    }

    // MARK: - Running

    /// Lines ssh-keygen prints on every successful run; the rest (errors, touch prompts) is worth showing.
    private static let routinePrefixes = ["Signing file ", "Write signature to "]

    /// Runs the program with stdin inherited (a passphrase prompt works on a terminal) and stdout discarded.
    /// Stderr is captured; a security-key touch prompt in it is passed on to our stderr as it arrives.
    private static func run(_ executable: String, arguments: [String],
                            environment: [String: String]) throws(SSHSignerError) -> (Int32, [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw SSHSignerError("could not run '\(executable)': \(error.localizedDescription)")
        }
        // Only stderr is a pipe, so reading it here to the end cannot deadlock.
        var pending = Data()
        var lines: [String] = []
        let reader = errors.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending = Data(pending[(newline + 1)...])
                collect(line, into: &lines)
            }
        }
        if !pending.isEmpty { collect(String(decoding: pending, as: UTF8.self), into: &lines) }
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, lines)
    }

    private static func collect(_ rawLine: String, into lines: inout [String]) {
        // Control characters (a terminal escape, a carriage return) stay out of our messages.
        var scalars = String.UnicodeScalarView()
        for scalar in rawLine.unicodeScalars where scalar.value >= 0x20 && scalar.value != 0x7f {
            scalars.append(scalar)
        }
        let line = String(String(scalars).trimmingCharacters(in: .whitespaces).prefix(300))
        guard !line.isEmpty, !routinePrefixes.contains(where: { line.hasPrefix($0) }) else { return }
        if line.hasPrefix("Confirm user presence") {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        lines.append(line)
    }
}

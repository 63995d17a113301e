import ContentKit
import Foundation
import TestSupport

/// A small library with `signing: required` whose reviewers have SSH keys made by the real ssh-keygen.
/// Private keys live in their own temporary folder, never in the repository.
final class SignedLibrary {
    let repository: TestRepository
    let keys: URL

    static let dan = (name: "Dan Okafor", email: "dan.okafor@example.com")
    static let priya = (name: "Priya Raman", email: "priya.raman@example.com")
    static let katrin = (name: "Katrin Hofer", email: "katrin.hofer@example.com")
    static let mallory = (name: "Mallory Jones", email: "mallory.jones@example.com")

    static let dosing = "Content/dosing.md"
    static let safety = "Content/safety.md"

    init() throws {
        repository = try TestRepository(start: "2026-03-02T09:00:00Z")
        keys = FileManager.default.temporaryDirectory.appendingPathComponent("contentctl-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        for (name, type) in [("dan", "ed25519"), ("priya", "ed25519"), ("katrin", "ecdsa"), ("mallory", "ed25519")] {
            try run("/usr/bin/ssh-keygen", ["-q", "-t", type] + (type == "ecdsa" ? ["-b", "256"] : []) + ["-N", "", "-C", name, "-f", key(name)])
        }
        try repository.write("contentctl.yml", "signing: required\n")
        try repository.write("Content/roster.yml", try roster())
        try repository.write(Self.dosing, Self.module(id: "dosing", markets: "[US]", body: "Take 15 mg once daily with the evening meal."))
        try repository.write(Self.safety, Self.module(id: "safety", markets: "[DE]", body: "Report every adverse event within 24 hours."))
        try repository.commit("Library with a roster of keys")
    }

    deinit {
        try? FileManager.default.removeItem(at: keys)
    }

    func key(_ name: String) -> String { keys.appendingPathComponent(name).path }

    func publicKey(_ name: String) throws -> String {
        try String(contentsOfFile: key(name) + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Dan's key stops counting after June; Katrin signs with ECDSA P-256.
    func roster(withMallory: Bool = false, withDan: Bool = true) throws -> String {
        var text = "roles:\n  sales:\n"
        if withDan {
            text += """
                - name: Dan Okafor
                  email: \(Self.dan.email)
                  markets: [US]
                  keys:
                    - key: \(try publicKey("dan"))
                      valid_until: 2026-06-30

            """
        }
        text += """
            - name: Katrin Hofer
              email: \(Self.katrin.email)
              markets: [DE]
              keys: ["\(try publicKey("katrin"))"]

        """
        if withMallory {
            text += """
                - name: Mallory Jones
                  email: \(Self.mallory.email)
                  keys: ["\(try publicKey("mallory"))"]

            """
        }
        text += """
          product:
            - name: Priya Raman
              email: \(Self.priya.email)
              keys: ["\(try publicKey("priya"))"]

        """
        return text
    }

    static func module(id: String, markets: String, body: String, roles: String = "[sales, product]") -> String {
        "---\nid: \(id)\ntitle: \(id.capitalized)\nproducts: [zentrava]\nmarkets: \(markets)\nsignoff_roles: \(roles)\n---\n\n\(body)\n"
    }

    /// Signs off as `person` with the key `keyName` (nil: no signing key configured).
    @discardableResult
    func signoff(_ module: String, role: String, as person: (name: String, email: String), keyName: String?) throws -> Command.Result {
        if let keyName {
            try repository.git("config", "gpg.format", "ssh")
            try repository.git("config", "user.signingkey", key(keyName))
        } else {
            _ = try? repository.git("config", "--unset", "user.signingkey")
        }
        let result = try CLI.run(["signoff", module, "--role", role, "--yes"], in: repository,
                                 environment: repository.environment(committer: person))
        repository.clock.addTimeInterval(3600)
        return result
    }

    /// The one record file of `module` in the work tree.
    func recordFiles(_ module: String) throws -> [String] {
        let folder = repository.root.appendingPathComponent("Content/.signoffs/\(module)")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".signoff") }.sorted()
            .map { "Content/.signoffs/\(module)/\($0)" }
    }

    /// `payload` signed by ssh-keygen with a key and namespace of the test's choosing.
    func sshSign(_ payload: String, keyName: String, namespace: String = SignoffRecord.signatureNamespace) throws -> String {
        let file = keys.appendingPathComponent("payload-\(UUID().uuidString)")
        try Data(payload.utf8).write(to: file)
        try run("/usr/bin/ssh-keygen", ["-q", "-Y", "sign", "-n", namespace, "-f", key(keyName), file.path])
        return try String(contentsOfFile: file.path + ".sig", encoding: .utf8)
    }

    /// Writes a record file under its own id (as a forger with repository access would) and commits it.
    func plant(_ text: String, module: String, message: String) throws {
        let record = try SignoffRecord.parse(text, file: "planted")
        try repository.write("Content/.signoffs/\(module)/\(record.fileName)", text)
        try repository.commit(message)
    }

    func contentctl(_ arguments: [String]) throws -> Command.Result {
        try CLI.run(arguments, in: repository)
    }

    private func run(_ executable: String, _ arguments: [String]) throws {
        let result = try Command.run(executable, arguments, in: keys.path, environment: repository.environment())
        guard result.status == 0 else { throw TestFailure("\(executable) \(arguments.joined(separator: " ")): \(result.stderr)") }
    }
}

extension String {
    /// The payload lines of a record, with one key's value replaced.
    func replacingRecordField(_ key: String, with value: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line == Substring(key) || line.hasPrefix(key + " ") ? Substring(key + " " + value) : line
        }.joined(separator: "\n")
    }

    /// The record without its signature block.
    var recordPayload: String {
        guard let range = range(of: "-----BEGIN SSH SIGNATURE-----") else { return self }
        return String(self[..<range.lowerBound])
    }
}

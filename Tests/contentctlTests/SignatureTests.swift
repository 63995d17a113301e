import ContentKit
import Foundation
import Testing
import TestSupport

/// Signed sign-offs end to end: signing through ssh-keygen, verification in Swift, interoperability with
/// `ssh-keygen -Y verify`, and each forgery rejected with its own reason and counted as absent.
@Suite struct SignatureTests {
    /// The approved text of a record, parsed once and then taken from the parse cache, verifies as it did when parsed.
    @Test func approvedTextFromTheParseCacheVerifiesAsWhenParsed() throws {
        let library = try SignedLibrary()
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        // Reworded after the sign-off, so the approved text is read from the record's commit, not from HEAD.
        try library.repository.write(SignedLibrary.dosing, SignedLibrary.module(id: "dosing", markets: "[US]", body: "Take 15 mg once daily with food."))
        try library.repository.commit("Dosing: with food", date: TestRepository.date("2026-03-10T09:00:00Z"))
        let uncached = try library.contentctl(["verify", "--no-cache"])
        #expect(uncached.stdout.contains("1 verified, 0 failed"), "\(uncached.stdout)\(uncached.stderr)")
        for _ in 0..<2 {
            #expect(try library.contentctl(["verify"]).stdout == uncached.stdout)
            #expect(try library.contentctl(["review", "--as-of", "2026-03-11", "--format", "json"]).stdout
                    == (try library.contentctl(["review", "--as-of", "2026-03-11", "--format", "json", "--no-cache"]).stdout))
        }
        let cache = try String(contentsOfFile: library.repository.path + "/.git/contentctl/cache/parsed", encoding: .utf8)
        let approvedBlob = try library.repository.git("rev-parse", "HEAD~1:" + SignedLibrary.dosing).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(cache.contains("\t" + approvedBlob + "\t"))
    }

    @Test func signedRecordsVerifyInContentctlAndInSSHKeygen() throws {
        let library = try SignedLibrary()
        let sales = try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan")
        #expect(sales.status == 0, "\(sales.stderr)")
        #expect(sales.stdout.contains("Recorded 1 signed record on main"))
        let product = try library.signoff("dosing", role: "product", as: SignedLibrary.priya, keyName: "priya")
        #expect(product.status == 0, "\(product.stderr)")
        let ecdsa = try library.signoff("safety", role: "sales", as: SignedLibrary.katrin, keyName: "katrin")
        #expect(ecdsa.status == 0, "\(ecdsa.stderr)")

        let verify = try library.contentctl(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("3 records (3 signed, 0 attestations): 3 verified, 0 failed"))
        let review = try library.contentctl(["review", "--as-of", "2026-03-10", "--format", "json"])
        #expect(review.stdout.contains("\"current\""))

        let allowed = try library.contentctl(["roster", "allowed-signers"])
        #expect(allowed.status == 0)
        #expect(allowed.stdout.contains("\(SignedLibrary.dan.email) namespaces=\"contentctl-signoff\",valid-before=\"20260701000000Z\" ssh-ed25519 "))
        let folder = library.keys.path
        try Data(allowed.stdout.utf8).write(to: URL(fileURLWithPath: folder + "/allowed_signers"))
        // Every record, each checked as of its own time: Dan's key has stopped counting by today.
        for file in try library.recordFiles("dosing") + library.recordFiles("safety") {
            let id = String(file.split(separator: "/").last?.prefix(12) ?? "")
            let payload = try library.contentctl(["signoffs", "show", id, "--payload"]).stdout
            let signature = try library.contentctl(["signoffs", "show", id, "--signature"]).stdout
            #expect(signature.hasPrefix("-----BEGIN SSH SIGNATURE-----\n"))
            try Data(payload.utf8).write(to: URL(fileURLWithPath: folder + "/payload"))
            try Data(signature.utf8).write(to: URL(fileURLWithPath: folder + "/payload.sig"))
            let signer = recordField("reviewer-email", of: payload)
            let time = recordField("time", of: payload).filter(\.isNumber) + "Z"
            let check = try Command.run("/bin/sh", ["-c", "ssh-keygen -Y verify -f allowed_signers -I \(signer) -n contentctl-signoff -O verify-time=\(time) -s payload.sig < payload"],
                                        in: folder, environment: library.repository.environment())
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("Good \"contentctl-signoff\" signature for \(signer)"))
        }
    }

    @Test func requiredSigningWithoutAKeyIsRefusedAndWritesNothing() throws {
        let library = try SignedLibrary()
        let head = try library.repository.head()
        let result = try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: nil)
        #expect(result.status == 67)
        #expect(result.stderr.contains("requires signed sign-offs (signing: required) but git has no SSH signing key"))
        #expect(try library.repository.head() == head)
    }

    @Test func aSigningKeyThatIsNotTheSignersOnTheRosterIsRefused() throws {
        let library = try SignedLibrary()
        let head = try library.repository.head()
        let result = try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "priya")
        #expect(result.status == 67)
        #expect(result.stderr.contains("is not a key of Dan Okafor on the roster valid today"))
        #expect(try library.repository.head() == head)
    }

    @Test func aMissingKeyFileIsRefused() throws {
        let library = try SignedLibrary()
        try library.repository.git("config", "gpg.format", "ssh")
        try library.repository.git("config", "user.signingkey", library.key("nobody"))
        let result = try CLI.run(["signoff", "dosing", "--role", "sales", "--yes"], in: library.repository,
                                 environment: library.repository.environment(committer: SignedLibrary.dan))
        #expect(result.status == 67)
        #expect(result.stderr.hasPrefix("contentctl: could not sign: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    enum Forgery: String, CaseIterable, CustomTestStringConvertible {
        case flippedBit, otherNamespace, keyNotOnRoster, expiredKey, wrongRole, outsideMarkets, editedPayload,
             swappedSignature, replayedForAnotherModule, unsigned
        var testDescription: String { rawValue }
    }

    /// Dan's sales sign-off on dosing, then one forgery; verify names it, review no longer counts Dan's record.
    @Test(arguments: Forgery.allCases)
    func forgeriesFailVerificationAndCountAsAbsent(_ forgery: Forgery) throws {
        let library = try SignedLibrary()
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        #expect(try library.signoff("dosing", role: "product", as: SignedLibrary.priya, keyName: "priya").status == 0)
        let files = try library.recordFiles("dosing")
        let danFile = try files.first { try library.repository.read($0).contains(SignedLibrary.dan.email) } ?? ""
        let priyaFile = files.first { $0 != danFile } ?? ""
        let dan = try library.repository.read(danFile)
        let payload = dan.recordPayload
        let expected: String
        switch forgery {
        case .flippedBit:
            try library.repository.write(danFile, payload + (try flipLastSignatureBit(String(dan.dropFirst(payload.count)))))
            try library.repository.commit("flip a bit")
            expected = "signature does not verify"
        case .otherNamespace:
            try library.repository.write(danFile, payload + (try library.sshSign(payload, keyName: "dan", namespace: "git")))
            try library.repository.commit("git namespace")
            expected = "namespace is 'git', expected 'contentctl-signoff'"
        case .keyNotOnRoster:
            try library.repository.write(danFile, payload + (try library.sshSign(payload, keyName: "mallory")))
            try library.repository.commit("someone else's key")
            expected = "which is not one of Dan Okafor's keys on the roster"
        case .expiredKey:
            let later = payload.replacingRecordField("time", with: "2026-07-15T10:00:00Z")
            try library.repository.remove(danFile)
            try library.plant(later + (try library.sshSign(later, keyName: "dan")), module: "dosing", message: "after the key expired")
            expected = "which was not valid on 2026-07-15"
        case .wrongRole:
            try library.repository.remove(danFile)
            let product = payload.replacingRecordField("role", with: "product")
            try library.plant(product + (try library.sshSign(product, keyName: "dan")), module: "dosing", message: "wrong role")
            expected = "was not on the roster on main"
        case .outsideMarkets:
            let fingerprint = try #require(try moduleFingerprint("safety", in: library))
            let safety = payload.replacingRecordField("module", with: "safety").replacingRecordField("path", with: SignedLibrary.safety)
                .replacingRecordField("fingerprint", with: fingerprint)
            try library.repository.remove(danFile)
            try library.plant(safety + (try library.sshSign(safety, keyName: "dan")), module: "safety", message: "outside markets")
            expected = "Dan Okafor signs for all products in US; safety is for zentrava in DE"
        case .editedPayload:
            try library.repository.write(danFile, dan.replacingRecordField("comment", with: "approved with edits"))
            try library.repository.commit("edit a record")
            expected = "file name does not match the record's content"
        case .swappedSignature:
            let priya = try library.repository.read(priyaFile)
            try library.repository.write(danFile, payload + String(priya.dropFirst(priya.recordPayload.count)))
            try library.repository.commit("swap signatures")
            expected = "signature does not verify"
        case .replayedForAnotherModule:
            try library.repository.remove(danFile)
            try library.repository.write("Content/.signoffs/safety/" + (danFile.split(separator: "/").last.map(String.init) ?? ""), dan)
            try library.repository.commit("replay")
            expected = "record is for module 'dosing' but filed under 'safety'"
        case .unsigned:
            try library.repository.write(danFile, payload)
            try library.repository.commit("strip the signature")
            expected = "unsigned (an attestation), but this library requires signed sign-offs"
        }
        let verify = try library.contentctl(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains(expected), "\(verify.stdout)")
        let review = try library.contentctl(["review", "--as-of", "2026-03-10"])
        #expect(!review.stdout.contains("current  dosing"), "\(review.stdout)")
        #expect(review.stdout.contains("sales has not signed"), "\(review.stdout)")
    }

    @Test func removingAReviewerWhoLeftKeepsTheirRecordsValid() throws {
        let library = try SignedLibrary()
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        try library.repository.write("Content/roster.yml", try library.roster(withDan: false))
        try library.repository.commit("Dan left")
        let verify = try library.contentctl(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("1 records (1 signed, 0 attestations): 1 verified, 0 failed") || verify.stdout.contains("1 record (1 signed, 0 attestations): 1 verified, 0 failed"))
    }

    @Test func deletingACommittedRecordIsReported() throws {
        let library = try SignedLibrary()
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        let file = try library.recordFiles("dosing")[0]
        try library.repository.remove(file)
        try library.repository.commit("tidy up")
        let verify = try library.contentctl(["verify", "--format", "json"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\"path\": \"\(file)\""))
        #expect(verify.stdout.contains("\"ok\": false"))
    }

    private func recordField(_ key: String, of payload: String) -> String {
        payload.split(separator: "\n").first { $0.hasPrefix(key + " ") }.map { String($0.dropFirst(key.count + 1)) } ?? ""
    }

    private func flipLastSignatureBit(_ armor: String) throws -> String {
        let body = armor.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        var bytes = [UInt8](try #require(Data(base64Encoded: body)))
        bytes[bytes.count - 5] ^= 0x01
        let encoded = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(70)))
            rest = rest.dropFirst(70)
        }
        return "-----BEGIN SSH SIGNATURE-----\n" + lines.joined(separator: "\n") + "\n-----END SSH SIGNATURE-----\n"
    }

    private func moduleFingerprint(_ id: String, in library: SignedLibrary) throws -> String? {
        let json = try library.contentctl(["modules", "--format", "json"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let modules = object?["modules"] as? [[String: Any]] ?? []
        return modules.first { $0["id"] as? String == id }?["fingerprint"] as? String
    }
}

/// `verify --history`: when was text live on the trusted branch without its sign-offs.
@Suite struct UnsignedHistoryTests {
    @Test func textCommittedStraightToMainIsLiveUnsignedUntilSigned() throws {
        let library = try SignedLibrary()
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        #expect(try library.signoff("dosing", role: "product", as: SignedLibrary.priya, keyName: "priya").status == 0)
        let result = try library.contentctl(["verify", "--history"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("UNSIGNED Content/dosing.md: text "))
        #expect(result.stdout.contains("live on main from 2026-03-02T09:00:00Z"))
        #expect(result.stdout.contains("until 2026-03-02T11:00:00Z without sales and product sign-off"))
        #expect(result.stdout.contains("UNSIGNED Content/safety.md: text "))
        #expect(result.stdout.contains("and still without sales and product sign-off"))
        #expect(try library.contentctl(["verify"]).status == 0)
    }

    @Test func textSignedOnItsBranchBeforeTheMergeWasNeverLiveUnsigned() throws {
        let library = try SignedLibrary()
        try library.repository.git("checkout", "-q", "-b", "change")
        try library.repository.write(SignedLibrary.dosing, SignedLibrary.module(id: "dosing", markets: "[US]", body: "Take 15 mg once daily with food."))
        try library.repository.commit("Dosing: with food")
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        #expect(try library.signoff("dosing", role: "product", as: SignedLibrary.priya, keyName: "priya").status == 0)
        try library.repository.git("checkout", "-q", "main")
        try library.repository.git(["merge", "-q", "--no-ff", "-m", "Merge the dosing change", "change"], date: library.repository.clock)
        let result = try library.contentctl(["verify", "--history", "--format", "json"])
        #expect(result.stdout.contains("\"path\": \"Content/dosing.md\""))
        #expect(result.stdout.contains("\"endedBy\": \"ongoing\""))
        let text = try library.contentctl(["verify", "--history"]).stdout
        #expect(!text.contains("and still without sales and product sign-off\nUNSIGNED Content/dosing.md"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("UNSIGNED Content/dosing.md") }.count == 1)
        #expect(text.contains("UNSIGNED Content/dosing.md: text ") && text.contains("until it was replaced at"))
    }
}

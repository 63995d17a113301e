import ContentKit
import Foundation
import Testing
import TestSupport

/// What a sign-off leaves on disk: one commit of records and snapshots, built from HEAD's tree,
/// with index and work tree consistent, and records that merge across clones.
@Suite struct SignoffWriteTests {
    @Test func commitHoldsOnlyTheRecordAndSnapshotAndLeavesStagedWorkAlone() throws {
        let library = try LibraryFixture()
        try library.module("dosing", "products: [zentrava]\nassets: [card.txt]")
        try library.repository.write("Content/card.txt", "dosing card\n")
        try library.commit()
        try library.repository.write("notes.txt", "staged but not committed\n")
        try library.repository.git("add", "notes.txt")
        try library.repository.write("scratch.txt", "untracked\n")
        let plan = try library.sign(["dosing"], role: "sales", as: "sam", at: "2026-02-01T10:00:00Z")
        let record = try #require(plan.items.first).record
        let fingerprint = record.fingerprint.hex
        let changed = try library.repository.git("show", "--name-status", "--format=", "HEAD")
        #expect(changed == """
        A\tContent/.signoffs/dosing/\(record.id).signoff
        A\tContent/.signoffs/dosing/snapshots/\(fingerprint).assets
        A\tContent/.signoffs/dosing/snapshots/\(fingerprint).md

        """)
        #expect(try library.repository.git("status", "--porcelain") == "A  notes.txt\n?? scratch.txt\n")
        #expect(try library.repository.read("Content/.signoffs/dosing/\(record.id).signoff") == record.fileContents)
        #expect(try library.repository.read("Content/.signoffs/dosing/snapshots/\(fingerprint).md") == library.repository.read("Content/dosing.md"))
        let cardBlob = try library.repository.git("rev-parse", "HEAD:Content/card.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try library.repository.read("Content/.signoffs/dosing/snapshots/\(fingerprint).assets") == "\(cardBlob) Content/card.txt\n")
        #expect(try library.repository.git("log", "-1", "--format=%an <%ae> %aI%n%s").contains("Sam Sales <sam@example.com> 2026-02-01T10:00:00+00:00\nsignoff: sales approved dosing"))
        _ = try library.repository.git("fsck", "--strict")
    }

    @Test func recordPayloadIsCanonicalAndNamedByItsHash() throws {
        let library = try LibraryFixture()
        try library.module("dosing")
        let head = try library.commit()
        let plan = try library.sign(["dosing"], role: "product", as: "pat", at: "2026-02-01T10:00:00Z", meaning: .reviewed, comment: "Checked\tagainst label\nv3")
        let record = try #require(plan.items.first).record
        let text = try library.repository.read("Content/.signoffs/dosing/\(record.id).signoff")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.map { String($0.prefix { $0 != " " }) } == ["format", "module", "path", "fingerprint", "role", "meaning", "revokes",
                                                               "reviewer-id", "reviewer-name", "reviewer-email", "time", "commit", "comment", "nonce"])
        #expect(lines[0] == "format contentctl-signoff 1")
        #expect(lines[2] == "path Content/dosing.md")
        #expect(lines[6] == "revokes")
        #expect(lines[10] == "time 2026-02-01T10:00:00Z")
        #expect(lines[11] == "commit \(head)")
        #expect(lines[12] == "comment Checked\\tagainst label\\nv3")
        let sha = try Command.run("/usr/bin/sha256sum", [], in: library.repository.path, environment: [:], input: text)
        #expect(sha.stdout.hasPrefix(record.id))
        #expect(try SignoffRecord.parse(text, file: "x") == record)
        #expect(throws: ContentError.self) { try SignoffRecord.parse(text.replacingOccurrences(of: "role product", with: "role  product"), file: "x") }
        #expect(throws: ContentError.self) { try SignoffRecord.parse(text + "extra\n", file: "x") }
    }

    @Test func tamperedOrMisfiledRecordsCountAsAbsent() throws {
        let library = try LibraryFixture()
        try library.module("dosing")
        try library.commit()
        let plan = try library.sign(["dosing"], role: "sales", as: "sam", at: "2026-02-01T10:00:00Z")
        try library.sign("dosing", role: "product", as: "pat", at: "2026-02-01T11:00:00Z")
        #expect(try library.verdicts("dosing", asOf: "2026-02-02") == [.current])
        let record = try #require(plan.items.first).record
        let path = "Content/.signoffs/dosing/\(record.id).signoff"
        try library.repository.write(path, record.fileContents.replacingOccurrences(of: "meaning approved", with: "meaning reviewed"))
        try library.commit("tamper")
        let report = try library.review(asOf: "2026-02-02")
        #expect(report.modules.first { $0.id == "dosing" }?.verdicts == [.unsignedChanges])
        #expect(report.warnings.contains { $0.hasPrefix(path + ": file name does not match the record's content") })
    }

    @Test func reviewersOnTwoClonesNeverConflict() throws {
        let library = try LibraryFixture()
        try library.module("dosing")
        try library.commit()
        let remote = try TestRepository()
        try remote.git("init", "-q", "--bare", "-b", "main", remote.path + "/hub.git")
        try library.repository.git("push", "-q", remote.path + "/hub.git", "main")
        let second = try TestRepository()
        try second.git("clone", "-q", remote.path + "/hub.git", second.path + "/clone")
        let secondLibrary = LibraryFixture(existing: try TestRepository(wrapping: second.path + "/clone"))
        try library.sign("dosing", role: "sales", as: "sam", at: "2026-02-01T10:00:00Z")
        try secondLibrary.sign("dosing", role: "product", as: "pat", at: "2026-02-01T10:00:05Z")
        try library.repository.git("push", "-q", remote.path + "/hub.git", "main")
        try secondLibrary.repository.git("pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
        #expect(try secondLibrary.verdicts("dosing", asOf: "2026-02-02") == [.current])
        #expect(try secondLibrary.repository.git("status", "--porcelain").isEmpty)
        try secondLibrary.repository.git("push", "-q", "origin", "main")
        try library.repository.git("pull", "-q", "--rebase", remote.path + "/hub.git", "main")
        #expect(try library.verdicts("dosing", asOf: "2026-02-02") == [.current])
    }
}

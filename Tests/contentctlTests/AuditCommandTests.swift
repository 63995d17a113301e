import ContentKit
import Foundation
import Testing
import TestSupport

/// `log` and `evidence`: what an auditor reads about one module.
@Suite struct AuditCommandTests {
    /// Dan signs dosing on 2 March; Maya rewords it on 10 March; Priya signs the new text on 11 March.
    private func history() throws -> SignedLibrary {
        let library = try SignedLibrary()
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        try library.repository.write(SignedLibrary.dosing, SignedLibrary.module(id: "dosing", markets: "[US]", body: "Take 15 mg once daily with food."))
        try library.repository.commit("Dosing: with food, per the new label", date: TestRepository.date("2026-03-10T09:00:00Z"))
        library.repository.clock = TestRepository.date("2026-03-11T09:00:00Z")
        #expect(try library.signoff("dosing", role: "product", as: SignedLibrary.priya, keyName: "priya").status == 0)
        return library
    }

    @Test func logInterleavesTextChangesAndRecordsOldestFirst() throws {
        let library = try history()
        let text = try library.contentctl(["log", "dosing"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").dropFirst().map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].contains("change") && lines[0].contains("\"Library with a roster of keys\""))
        #expect(lines[1].contains("signoff") && lines[1].contains("Dan Okafor") && lines[1].contains("sales approved") && lines[1].contains("SSH-signed, verified"))
        #expect(lines[2].contains("Maya Lindqvist") && lines[2].contains("+1 -3 words") && lines[2].contains("\"Dosing: with food, per the new label\""))
        #expect(lines[3].contains("Priya Raman") && lines[3].contains("product approved"))

        let csv = try library.contentctl(["log", "dosing", "--format", "csv"]).stdout
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 5)
        #expect(rows[0].hasPrefix("\"time\",\"type\",\"commit\",\"name\""))
        #expect(rows[2].contains("\"signoff\"") && rows[2].contains("\"ssh\",\"verified\""))
        let json = try library.contentctl(["log", "dosing", "--format", "json"]).stdout
        #expect(json.contains("\"reason_or_comment\": \"Dosing: with food, per the new label\""))
    }

    /// A module moved (and then moved again with an edit) keeps its whole trail, as `git log --follow` does: each move
    /// says where from, and the records made before a move stay in the trail.
    @Test func logFollowsTheModuleAcrossMoves() throws {
        let library = try history()
        let repository = library.repository
        _ = try repository.git("mv", "Content/dosing.md", "Content/zentrava-dosing.md")
        _ = try repository.commit("Dosing: moved beside the other Zentrava modules", date: TestRepository.date("2026-03-12T09:00:00Z"))
        try repository.write("Content/zentrava-dosing.md", SignedLibrary.module(id: "dosing", markets: "[US]", body: "Take 15 mg once daily with food or milk."))
        _ = try repository.git("mv", "Content/zentrava-dosing.md", "Content/zentrava-dosing-card.md")
        _ = try repository.commit("Dosing: renamed for the card, with milk", date: TestRepository.date("2026-03-13T09:00:00Z"))

        let text = try library.contentctl(["log", "dosing"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("(Content/zentrava-dosing-card.md)") == true)
        let changes = lines.filter { $0.contains("  change  ") }
        #expect(changes.count == 4)
        #expect(changes[2].contains("+0 -0 words") && changes[2].hasSuffix("moved from Content/dosing.md"))
        #expect(changes[3].contains("+2 -0 words") && changes[3].hasSuffix("moved from Content/zentrava-dosing.md"))
        #expect(lines.filter { $0.contains("  signoff  ") }.count == 2)
        // The same commits git follows along the first-parent history.
        let followed = try repository.git("log", "--follow", "--first-parent", "--format=%H", "--", "Content/zentrava-dosing-card.md")
            .split(separator: "\n").map { String($0.prefix(7)) }
        #expect(changes.compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first.map(String.init) } == followed.reversed())
        let json = try library.contentctl(["log", "dosing", "--format", "json"]).stdout
        #expect(json.contains("\"moved_from\": \"Content/zentrava-dosing.md\""))
    }

    /// A commit message an auditor opens in a spreadsheet must not run as a formula there.
    @Test func logCSVNeverStartsACellWithAFormula() throws {
        let library = try history()
        try library.repository.write(SignedLibrary.dosing, SignedLibrary.module(id: "dosing", markets: "[US]", body: "Take 15 mg daily."))
        try library.repository.commit("=HYPERLINK(\"http://example.com\",\"label\")", date: TestRepository.date("2026-03-12T09:00:00Z"))
        let csv = try library.contentctl(["log", "dosing", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"label\"\")\""))
        #expect(!csv.stdout.contains("\"=HYPERLINK"))
    }

    @Test func logMarksARecordThatFailsVerification() throws {
        let library = try history()
        let file = try library.recordFiles("dosing").first { try library.repository.read($0).contains(SignedLibrary.dan.email) } ?? ""
        try library.repository.write(file, try library.repository.read(file).recordPayload)
        try library.repository.commit("strip a signature")
        let text = try library.contentctl(["log", "dosing"]).stdout
        #expect(text.contains("attestation, FAILS: unsigned (an attestation), but this library requires signed sign-offs"))
    }

    @Test func evidenceShowsTheTextInForceThatDayWithItsSignatures() throws {
        let library = try history()
        let before = try library.contentctl(["evidence", "dosing", "--as-of", "2026-03-05"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("Take 15 mg once daily with the evening meal."))
        #expect(before.stdout.contains("| Dan Okafor <dan.okafor@example.com> | dan.okafor@example.com | sales | approved |  | SSH signature, verified |"))
        #expect(!before.stdout.contains("Priya Raman"))

        let after = try library.contentctl(["evidence", "dosing", "--as-of", "2026-03-11", "--format", "html"])
        #expect(after.status == 0)
        #expect(after.stdout.contains("Take 15 mg once daily with food."))
        #expect(after.stdout.contains("<td>Priya Raman &lt;priya.raman@example.com&gt;</td>"))
        #expect(!after.stdout.contains("Dan Okafor"))
        #expect(!after.stdout.contains("http://") && !after.stdout.contains("https://") && !after.stdout.contains("<script"))
    }

    @Test func evidenceRefusesADayBeforeTheModuleOrAnUnknownModule() throws {
        let library = try history()
        let early = try library.contentctl(["evidence", "dosing", "--as-of", "2026-01-01"])
        #expect(early.status == 66)
        #expect(early.stderr.hasPrefix("contentctl: no commit on or before 2026-01-01"))
        let unknown = try library.contentctl(["evidence", "nothing", "--as-of", "2026-03-05"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("no module 'nothing' was in force on 2026-03-05"))
        let badDate = try library.contentctl(["evidence", "dosing", "--as-of", "5.3.2026"])
        #expect(badDate.status == 64)
        let unknownLog = try library.contentctl(["log", "nothing"])
        #expect(unknownLog.status == 66)
    }
}

import Foundation
import Testing
import TestSupport

/// `contentctl mark` and `contentctl updates`: annotated tags market-update/NAME, checked against git.
@Suite struct MarketUpdateTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func library() throws -> TestRepository {
        let repository = try TestRepository(start: "2026-03-02T09:00:00Z")
        try repository.copySampleLibrary()
        try repository.commit("sample library")
        return repository
    }

    @Test func markCreatesAnAnnotatedTagAndUpdatesListsIt() throws {
        let repository = try library()
        let first = try CLI.run(["mark", "2026-Q1", "--message", "Q1 market update"], in: repository)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Marked market update 2026-Q1 at \(try repository.head().prefix(7)) (the first market update: 24 modules)"))
        #expect(first.stdout.contains("Share it with: git push origin refs/tags/market-update/2026-Q1"))
        #expect(try repository.git("cat-file", "-t", "market-update/2026-Q1") == "tag\n")
        #expect(try repository.git("tag", "-l", "--format=%(taggername) %(taggeremail) %(contents)", "market-update/*") == "Maya Lindqvist <maya.lindqvist@helixora.example> Q1 market update\n\n")
        let path = "Content/products/zentrava/zentrava-dosing.md"
        try repository.write(path, try repository.read(path).replacingOccurrences(of: "15 mg once daily with the evening meal", with: "15 mg once daily with food"))
        try repository.write("Content/coaching/field-coaching-rides.md", try repository.read("Content/coaching/field-coaching-rides.md").replacingOccurrences(of: "owner: jonas.weber@helixora.example", with: "owner: maya.lindqvist@helixora.example"))
        try repository.commit("dosing wording; new owner for coaching rides")
        let second = try CLI.run(["mark", "2026-Q2"], in: repository, environment: ["GIT_COMMITTER_DATE": "2026-06-30T12:00:00Z"])
        #expect(second.status == 0, "\(second.stderr)")
        let updates = try CLI.run(["updates", "--format", "json"], in: repository)
        let listed = try #require(try json(updates.stdout)["updates"] as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["2026-Q1", "2026-Q2"])
        #expect(listed.last?["changedModules"] as? [String] == ["zentrava-dosing"])
        #expect(listed.last?["date"] as? String == "2026-06-30T12:00:00Z")
        #expect(listed.last?["commit"] as? String == (try repository.head()))
        let table = try CLI.run(["updates"], in: repository)
        #expect(table.stdout.contains("2026-Q2  2026-06-30T12:00:00Z  \(try repository.head().prefix(7))  Maya Lindqvist <maya.lindqvist@helixora.example>  1"))
    }

    @Test func markRefusesAnExistingNameADetachedHeadAndUncommittedContent() throws {
        let repository = try library()
        #expect(try CLI.run(["mark", "2026-Q1"], in: repository).status == 0)
        let again = try CLI.run(["mark", "2026-Q1"], in: repository)
        #expect(again.status == 64)
        #expect(again.stderr.hasPrefix("contentctl: market update 2026-Q1 already exists"))
        try repository.write("Content/onboarding/new.md", "---\nid: new\n---\nDraft\n")
        let dirty = try CLI.run(["mark", "2026-Q2"], in: repository)
        #expect(dirty.status == 69)
        #expect(dirty.stderr == "contentctl: uncommitted content changes (Content/onboarding/new.md): commit them before marking a market update\n")
        try repository.remove("Content/onboarding/new.md")
        try repository.write("notes.txt", "outside the content folder\n")
        #expect(try CLI.run(["mark", "2026-Q2"], in: repository).status == 0)
        try repository.git("checkout", "-q", "--detach")
        let detached = try CLI.run(["mark", "2026-Q3"], in: repository)
        #expect(detached.status == 69)
        #expect(detached.stderr.contains("detached HEAD"))
        let badName = try CLI.run(["mark", "bad name.."], in: repository)
        #expect(badName.status == 64)
        #expect(try repository.git("tag", "-l") == "market-update/2026-Q1\nmarket-update/2026-Q2\n")
    }

    /// Market updates are read from the tags namespace alone, packed or loose; other tags and branches with the
    /// same names are not updates.
    @Test func onlyMarketUpdateTagsAreListedPackedOrLoose() throws {
        let repository = try library()
        #expect(try CLI.run(["mark", "2026-Q1"], in: repository).status == 0)
        try repository.git("pack-refs", "--all")
        try repository.write("Content/onboarding/first-90-days.md", try repository.read("Content/onboarding/first-90-days.md") + "\nOne more line.\n")
        try repository.commit("one more line")
        #expect(try CLI.run(["mark", "2026-Q2"], in: repository).status == 0)
        try repository.git("tag", "v1.0")
        try repository.git("branch", "market-update/2026-Q3")
        try repository.git("tag", "release/market-update/2026-Q4")
        let updates = try CLI.run(["updates", "--format", "json"], in: repository)
        #expect(updates.status == 0, "\(updates.stderr)")
        let listed = try #require(try json(updates.stdout)["updates"] as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["2026-Q1", "2026-Q2"])
        #expect(try repository.git("show-ref").contains("refs/heads/market-update/2026-Q3"))
    }

    @Test func noUpdatesYet() throws {
        let repository = try library()
        let result = try CLI.run(["updates"], in: repository)
        #expect(result.status == 0)
        #expect(result.stdout == "No market updates yet (contentctl mark NAME creates one).\n")
    }
}

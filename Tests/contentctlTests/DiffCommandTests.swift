import Foundation
import Testing
import TestSupport

/// `contentctl diff` as a user runs it, checked against `git diff --name-status -M` on the same repository.
@Suite struct DiffCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func modules(_ document: [String: Any]) -> [[String: Any]] {
        document["modules"] as? [[String: Any]] ?? []
    }

    /// The sample library marked 2026-Q1, then a quarter of edits marked 2026-Q2.
    func quarter() throws -> TestRepository {
        let repository = try TestRepository(start: "2026-03-02T09:00:00Z")
        try repository.copySampleLibrary()
        try repository.write("Content/products/zentrava/assets/binary-note.md", Data([0x23, 0x20, 0x00, 0x01, 0x02, 0x0A]))
        try repository.commit("sample library")
        #expect(try CLI.run(["mark", "2026-Q1"], in: repository, environment: ["GIT_COMMITTER_DATE": "2026-03-31T17:00:00Z"]).status == 0)
        let dosing = "Content/products/zentrava/zentrava-dosing.md"
        try repository.write(dosing, try repository.read(dosing)
            .replacingOccurrences(of: "15 mg once daily with the evening meal", with: "15 mg once daily with food")
            .replacingOccurrences(of: "markets: [US, DE, AT]", with: "markets: [US, DE, AT, GB]"))
        try repository.git("mv", "Content/competitive/nephrology-landscape.md", "Content/competitive/ckd-landscape.md")
        try repository.remove("Content/coaching/reinforcement-after-training.md")
        try repository.write("Content/onboarding/café-etiquette.md", "---\nid: cafe-etiquette\ntitle: Café etiquette\n---\r\n\r\nNever pay for a physician's café crème.\r\n")
        try repository.write("Content/products/zentrava/assets/binary-note.md", Data([0x23, 0x20, 0x00, 0x01, 0x03, 0x0A]))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repository.path + "/Content/onboarding/assets/first-90-days-checklist.csv")
        try repository.write("Content/changes/zentrava-gb-launch.yml", "id: zentrava-gb-launch\nkind: new-indication\ndate: 2026-05-01\nproducts: [zentrava]\nmarkets: [GB]\nsummary: Zentrava launches in GB.\n")
        try repository.commit("Q2 edits", date: TestRepository.date("2026-05-10T10:00:00Z"))
        let signed = try CLI.run(["signoff", "zentrava-dosing", "--role", "product", "--yes"], in: repository,
                                 environment: ["GIT_COMMITTER_NAME": "Priya Raman", "GIT_COMMITTER_EMAIL": "priya.raman@helixora.example",
                                               "GIT_COMMITTER_DATE": "2026-05-12T10:00:00Z"])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(try CLI.run(["mark", "2026-Q2"], in: repository, environment: ["GIT_COMMITTER_DATE": "2026-06-30T17:00:00Z"]).status == 0)
        return repository
    }

    @Test func changedPathsAndStatusesEqualGit() throws {
        let repository = try quarter()
        let result = try CLI.run(["diff", "2026-Q1", "2026-Q2", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try #require(try json(result.stdout)["files"] as? [[String: Any]])
        let ours = files.map { file -> String in
            let status = file["status"] as? String ?? "?"
            if status == "R" {
                return String(format: "R%03d\t%@\t%@", file["similarity"] as? Int ?? 0, file["oldPath"] as? String ?? "", file["path"] as? String ?? "")
            }
            return "\(status)\t\(file["path"] as? String ?? "")"
        }
        let git = try repository.git("-c", "core.quotepath=off", "diff", "--name-status", "-M", "market-update/2026-Q1", "market-update/2026-Q2", "--", "Content")
        #expect(ours == git.split(separator: "\n").map(String.init), "\(ours.joined(separator: "\n"))\n---\n\(git)")
        #expect(ours.contains("R100\tContent/competitive/nephrology-landscape.md\tContent/competitive/ckd-landscape.md"))
        #expect(ours.contains("M\tContent/onboarding/assets/first-90-days-checklist.csv"))
    }

    @Test func modulesShowStatusFieldsAndWordChanges() throws {
        let repository = try quarter()
        let document = try json(try CLI.run(["diff", "2026-Q1", "2026-Q2", "--format", "json"], in: repository).stdout)
        let byID = Dictionary(uniqueKeysWithValues: modules(document).map { ($0["id"] as? String ?? "", $0) })
        let dosing = try #require(byID["zentrava-dosing"])
        #expect(dosing["status"] as? String == "M")
        let fields = dosing["fields"] as? [[String: Any]] ?? []
        #expect(fields.count == 1)
        #expect(fields.first?["name"] as? String == "markets")
        #expect(fields.first?["old"] as? String == "[US, DE, AT]")
        #expect(fields.first?["new"] as? String == "[US, DE, AT, GB]")
        let hunks = dosing["hunks"] as? [[String: Any]] ?? []
        let segments = (hunks.first?["segments"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String != "equal" }
        #expect(segments.map { $0["text"] as? String } == ["the evening meal", "food"])
        #expect(segments.map { $0["kind"] as? String } == ["deleted", "inserted"])
        #expect(hunks.first?["newLine"] as? Int == 22)
        #expect(dosing["wordsAdded"] as? Int == 1)
        #expect(dosing["wordsRemoved"] as? Int == 3)
        #expect(byID["nephrology-landscape"]?["status"] as? String == "R")
        #expect(byID["nephrology-landscape"]?["oldPath"] as? String == "Content/competitive/nephrology-landscape.md")
        #expect(byID["nephrology-landscape"]?["similarity"] as? Int == 100)
        #expect(byID["reinforcement-after-training"]?["status"] as? String == "D")
        #expect(byID["cafe-etiquette"]?["status"] as? String == "A")
        #expect(byID["binary-note"] == nil)
        let binary = modules(document).first { $0["path"] as? String == "Content/products/zentrava/assets/binary-note.md" }
        #expect(binary?["binary"] as? Bool == true)
        #expect((document["events"] as? [[String: Any]])?.map { $0["id"] as? String } == ["zentrava-gb-launch"])
        #expect((document["marketUpdates"] as? [[String: Any]])?.map { $0["name"] as? String } == ["2026-Q2"])
        #expect((document["signoffs"] as? [[String: Any]])?.map { $0["module"] as? String } == ["zentrava-dosing"])
        #expect((document["from"] as? [String: Any])?["label"] as? String == "2026-Q1")
        #expect(document["reversed"] as? Bool == false)
    }

    @Test func textIsAWordDiffAndStatTotalsProductsAndMarkets() throws {
        let repository = try quarter()
        let text = try CLI.run(["diff", "2026-Q1", "2026-Q2", "--module", "zentrava-dosing"], in: repository)
        #expect(text.status == 0)
        #expect(text.stdout.contains("modified  zentrava-dosing  Content/products/zentrava/zentrava-dosing.md  (+1 -3 words)"))
        #expect(text.stdout.contains("  markets: [US, DE, AT] -> [US, DE, AT, GB]"))
        #expect(text.stdout.contains("15 mg once daily with [-the evening meal-]{+food+} | Long term |"))
        #expect(!text.stdout.contains("ckd-landscape"))
        let line = try CLI.run(["diff", "2026-Q1", "2026-Q2", "--module", "zentrava-dosing", "--line"], in: repository)
        #expect(line.stdout.contains("[-| Stroke prevention in non-valvular atrial fibrillation | 15 mg once daily with the evening meal | Long term |-]"))
        let stat = try CLI.run(["diff", "2026-Q1", "2026-Q2", "--stat"], in: repository)
        let dosingLine = stat.stdout.split(separator: "\n").first { $0.contains("zentrava-dosing") }.map(String.init) ?? ""
        #expect(dosingLine.hasPrefix("modified"))
        #expect(dosingLine.split(separator: " ").filter { !$0.isEmpty }.dropFirst(2).prefix(2) == ["+1", "-3"])
        #expect(stat.stdout.contains("By product:"))
        #expect(stat.stdout.contains("zentrava +1 -3"))
        #expect(stat.stdout.contains("GB +1 -3"))
        // A range without changes says so, without totals of nothing.
        let same = try CLI.run(["diff", "2026-Q2", "2026-Q2", "--stat"], in: repository)
        #expect(same.status == 0)
        #expect(same.stdout.split(separator: "\n").dropFirst().map(String.init) == ["No module changed."])
    }

    /// A module without `id:` is named by its path inside the content folder, the one `contentctl.yml` sets, as a
    /// review names it.
    @Test func aModuleWithoutAnIDIsNamedAsTheReviewNamesIt() throws {
        let repository = try TestRepository()
        try repository.write("contentctl.yml", "content: training\n")
        try repository.write("training/roster.yml", TestRepository.minimalRoster)
        try repository.write("training/dosing/zentrava.md", "---\ntitle: Dosing\n---\n\nTake 15 mg.\n")
        try repository.commit("Library")
        try repository.write("training/dosing/zentrava.md", "---\ntitle: Dosing\n---\n\nTake 10 mg.\n")
        try repository.commit("Lower dose")
        let review = try json(try CLI.run(["review", "--format", "json"], in: repository).stdout)
        #expect(modules(review).map { $0["id"] as? String } == ["dosing/zentrava"])
        let diff = try CLI.run(["diff", "HEAD~1", "--format", "json"], in: repository)
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(modules(try json(diff.stdout)).map { $0["id"] as? String } == ["dosing/zentrava"])
    }

    /// The totals count a module once under each product and market it names, even one named twice, and a module
    /// that names none under "(all)".
    @Test func statTotalsCountEachNameOnce() throws {
        let repository = try TestRepository()
        try repository.write("Content/roster.yml", TestRepository.minimalRoster)
        try repository.write("Content/dosing.md", "---\nid: dosing\ntitle: Dosing\nproducts: [zentrava]\nmarkets: [US, US, DE]\n---\n\nTake 15 mg.\n")
        try repository.write("Content/welcome.md", "---\nid: welcome\ntitle: Welcome\n---\n\nHello.\n")
        try repository.commit("Library")
        try repository.write("Content/dosing.md", "---\nid: dosing\ntitle: Dosing\nproducts: [zentrava]\nmarkets: [US, US, DE]\n---\n\nTake 10 mg daily.\n")
        try repository.write("Content/welcome.md", "---\nid: welcome\ntitle: Welcome\n---\n\nHello there, team.\n")
        try repository.commit("Edits")
        let stat = try CLI.run(["diff", "HEAD~1", "HEAD", "--stat"], in: repository)
        #expect(stat.status == 0, "\(stat.stderr)")
        #expect(stat.stdout.contains("2 modules changed, 4 words added, 1 removed"), "\(stat.stdout)")
        #expect(stat.stdout.contains("By product: (all) +2 -0, zentrava +2 -1"), "\(stat.stdout)")
        #expect(stat.stdout.contains("By market: (all) +2 -0, DE +2 -1, US +2 -1"), "\(stat.stdout)")
    }

    /// A blob missing from the object database (a damaged or partial clone) is one line naming the file.
    @Test func aMissingBlobIsReportedWithItsFile() throws {
        let repository = try TestRepository()
        try repository.write("Content/roster.yml", TestRepository.minimalRoster)
        try repository.write("Content/dosing.md", "---\nid: dosing\ntitle: Dosing\n---\n\nTake 15 mg.\n")
        try repository.commit("Library")
        try repository.write("Content/dosing.md", "---\nid: dosing\ntitle: Dosing\n---\n\nTake 10 mg.\n")
        try repository.commit("Lower dose")
        let blob = try repository.git("rev-parse", "HEAD:Content/dosing.md").trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(atPath: repository.path + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2))
        let diff = try CLI.run(["diff", "HEAD~1", "HEAD", "--stat"], in: repository)
        #expect(diff.status != 0)
        #expect(diff.stderr.split(separator: "\n").count == 1)
        #expect(diff.stderr.contains("read Content/dosing.md"), "\(diff.stderr)")
    }

    /// Past two thousand changed modules, parsing and word diffs run on both cores: each module keeps its own change,
    /// in path order, and the totals add up.
    @Test func aDiffOfThousandsOfModulesKeepsEachModulesOwnChange() throws {
        let repository = try TestRepository.generated(modules: 2_100, commits: 100, seed: 9)
        let paths = try repository.git("ls-files", "Content").split(separator: "\n").map(String.init)
            .filter { $0.hasSuffix(".md") && !$0.contains("/changes/") }
        for (index, path) in paths.enumerated() {
            try repository.write(path, try repository.read(path) + "\nClosing note \(index) here.\n")
        }
        try repository.commit("A closing note in every module")
        let document = try json(try CLI.run(["diff", "HEAD~1", "HEAD", "--format", "json"], in: repository).stdout)
        let changed = modules(document)
        #expect(changed.count == paths.count)
        #expect(changed.compactMap { $0["path"] as? String } == paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        for module in changed {
            let path = module["path"] as? String ?? ""
            let id = try repository.read(path).split(separator: "\n").first { $0.hasPrefix("id: ") }?.dropFirst(4)
            #expect(module["id"] as? String == id.map(String.init), "\(path)")
            #expect(module["wordsAdded"] as? Int == 4, "\(path)")
        }
        #expect((document["stat"] as? [String: Any])?["wordsAdded"] as? Int == 4 * paths.count)
    }

    @Test func datesResolveLikeRevListFirstParentBefore() throws {
        let repository = try quarter()
        let result = try CLI.run(["diff", "@2026-04-30", "HEAD", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        let from = try #require(try json(result.stdout)["from"] as? [String: Any])
        let expected = try repository.git("rev-list", "-1", "--first-parent", "--before=2026-04-30 23:59:59 +0000", "HEAD")
        #expect(from["commit"] as? String == expected.trimmingCharacters(in: .whitespacesAndNewlines))
        let early = try CLI.run(["diff", "@2025-01-01"], in: repository)
        #expect(early.status == 66)
        #expect(early.stderr == "contentctl: no commit on or before 2025-01-01: the first commit is from 2026-03-02\n")
    }

    @Test func reversedDiffIsSaidAndSucceeds() throws {
        let repository = try quarter()
        let result = try CLI.run(["diff", "2026-Q2", "2026-Q1", "--module", "zentrava-dosing"], in: repository)
        #expect(result.status == 0)
        #expect(result.stdout.contains("reversed: 2026-Q2 is newer than 2026-Q1; showing the change backwards"))
        #expect(result.stdout.contains("with [-food-]{+the evening meal+}"))
    }

    @Test func badInputGetsOneLineAndItsExitCode() throws {
        let repository = try quarter()
        let unknown = try CLI.run(["diff", "2025-Q9"], in: repository)
        #expect(unknown.status == 66)
        #expect(unknown.stderr == "contentctl: unknown ref or market update '2025-Q9' (contentctl updates lists market updates)\n")
        let module = try CLI.run(["diff", "2026-Q1", "--module", "no-such-module"], in: repository)
        #expect(module.status == 66)
        #expect(module.stderr == "contentctl: no module 'no-such-module' at 2026-Q1 or HEAD\n")
        let both = try CLI.run(["diff", "2026-Q1", "--word", "--line"], in: repository)
        #expect(both.status == 64)
        #expect(both.stderr.split(separator: "\n").count == 1)
    }

    @Test func worktreeIncludesUncommittedFiles() throws {
        let repository = try quarter()
        let path = "Content/onboarding/welcome-to-helixora.md"
        try repository.write(path, try repository.read(path) + "\nA new closing line.\n")
        try repository.write("Content/onboarding/draft-idea.md", "---\nid: draft-idea\nstatus: draft\n---\nIdea.\n")
        let result = try CLI.run(["diff", "HEAD", "--worktree", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        #expect(Set(modules(document).compactMap { $0["id"] as? String }) == ["welcome-to-helixora", "draft-idea"])
        #expect((document["to"] as? [String: Any])?["label"] as? String == "work tree")
    }

    @Test func sinceSignoffShowsTheApprovedTextEvenWhenItsCommitIsGone() throws {
        let repository = try TestRepository(start: "2026-03-02T09:00:00Z")
        try repository.copySampleLibrary()
        try repository.commit("sample library")
        // Sign on a side branch, then bring the record to main as a new commit: the signing commit becomes unreachable.
        try repository.git("checkout", "-q", "-b", "review")
        let signed = try CLI.run(["signoff", "zentrava-dosing", "--role", "sales", "--yes"], in: repository,
                                 environment: ["GIT_COMMITTER_NAME": "Dan Okafor", "GIT_COMMITTER_EMAIL": "dan.okafor@helixora.example"])
        #expect(signed.status == 0, "\(signed.stderr)")
        let signingCommit = try repository.head()
        try repository.git("checkout", "-q", "main")
        try repository.git("merge", "-q", "--squash", "review")
        try repository.commit("squash-merge the review")
        try repository.git("branch", "-q", "-D", "review")
        let dosing = "Content/products/zentrava/zentrava-dosing.md"
        try repository.write(dosing, try repository.read(dosing).replacingOccurrences(of: "At least 3 months", with: "At least 6 months"))
        try repository.commit("longer treatment")
        try repository.git("reflog", "expire", "--expire=now", "--all")
        try repository.git("gc", "-q", "--prune=now")
        #expect(try Command.run("/usr/bin/git", ["cat-file", "-e", signingCommit], in: repository.path, environment: repository.environment()).status != 0)
        let result = try CLI.run(["diff", "--since-signoff", "zentrava-dosing", "--reviewer", "dan.okafor@helixora.example"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("diff sales sign-off by Dan Okafor"))
        #expect(result.stdout.contains("At least [-3-]{+6+} months"))
        let none = try CLI.run(["diff", "--since-signoff", "zentrava-dosing", "--role", "product"], in: repository)
        #expect(none.status == 66)
        #expect(none.stderr == "contentctl: zentrava-dosing has no standing sign-off by role product\n")
    }

    @Test func markdownAndHTMLCarryTheSameChange() throws {
        let repository = try quarter()
        let markdown = try CLI.run(["diff", "2026-Q1", "2026-Q2", "--module", "zentrava-dosing", "--format", "markdown"], in: repository)
        #expect(markdown.stdout.hasPrefix("# Training content diff: 2026-Q1..2026-Q2\n"))
        #expect(markdown.stdout.contains("15 mg once daily with <del>the evening meal</del><ins>food</ins>"))
        #expect(markdown.stdout.contains("| markets | [US, DE, AT] | [US, DE, AT, GB] |"))
        let html = try CLI.run(["diff", "2026-Q1", "2026-Q2", "--format", "html"], in: repository)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<del>the evening meal</del><ins>food</ins>"))
        #expect(!html.stdout.contains("<script"))
        #expect(!html.stdout.contains("http"))
        #expect(html.stdout.contains("Café etiquette"))
    }
}

import Foundation
@testable import ContentKit
import GitKit
import Testing
import TestSupport

/// The last-changed commit of every file must equal `git log -1 --format=%H -- PATH` on the same HEAD.
@Suite struct HistoryOracleTests {
    /// A random history with branches, merges that keep one side or mix both, renames, deletions,
    /// mode changes, equal timestamps and clock skew.
    static func randomHistory(seed: UInt64, commits: Int) -> FastImportHistory {
        var random = SeededGenerator(seed: seed)
        var history = FastImportHistory()
        typealias Files = [String: (mode: String, text: String)]
        var tips: [String: (index: Int, files: Files)] = [:]
        var time = 1_767_600_000
        var files: Files = [:]
        for number in 0..<6 {
            files["Content/\(["a", "b", "c"][number % 3])/m\(number).md"] = ("100644", "module \(number) v0\n")
        }
        tips["main"] = (history.commit(parents: [], files: files, time: time), files)
        var serial = 0
        for _ in 1..<commits {
            serial += 1
            switch Int.random(in: 0..<10, using: &random) {
            case 0: time += 0                                              // same second as the previous commit
            case 1: time -= Int.random(in: 60...200_000, using: &random)   // clock skew
            default: time += Int.random(in: 30...90_000, using: &random)
            }
            let branchNames = tips.keys.sorted()
            let branch = branchNames.randomElement(using: &random) ?? "main"
            let choice = Int.random(in: 0..<10, using: &random)
            if choice == 0, tips.count < 4 {
                let name = "side\(serial)"
                tips[name] = tips[branch]
                continue
            }
            guard var tip = tips[branch] else { continue }
            if choice <= 2, let otherName = branchNames.filter({ $0 != branch }).randomElement(using: &random), let other = tips[otherName] {
                let style = Int.random(in: 0..<4, using: &random)
                var merged: Files
                switch style {
                case 0: merged = tip.files                    // identical to the first parent
                case 1: merged = other.files                  // identical to the second parent
                default:                                      // a mix, sometimes with a new text
                    merged = tip.files
                    for (path, file) in other.files where Bool.random(using: &random) { merged[path] = file }
                    if style == 3, let path = merged.keys.sorted().randomElement(using: &random) {
                        merged[path] = ("100644", "merge edit \(serial)\n")
                    }
                }
                let index = history.commit(branch: branch, parents: [tip.index, other.index], files: merged, time: time)
                tips[branch] = (index, merged)
                continue
            }
            let paths = tip.files.keys.sorted()
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let path = paths.randomElement(using: &random) ?? "Content/a/new.md"
                switch Int.random(in: 0..<12, using: &random) {
                case 0: tip.files["Content/\(["a", "b", "c", "d/e"][serial % 4])/n\(serial).md"] = ("100644", "new \(serial)\n")
                case 1 where tip.files.count > 3: tip.files[path] = nil
                case 2:                                       // a rename git sees as delete plus add
                    if let file = tip.files.removeValue(forKey: path) { tip.files[path.replacingOccurrences(of: ".md", with: "-r\(serial).md")] = file }
                case 3:
                    let mode = tip.files[path]?.mode == "100755" ? "100644" : "100755"
                    tip.files[path]?.mode = mode
                case 4: tip.files[path]?.text += ""           // no change at all to this file
                default: tip.files[path] = ("100644", "edit \(serial) of \(path)\n")
                }
            }
            tips[branch] = (history.commit(branch: branch, parents: [tip.index], files: tip.files, time: time), tip.files)
        }
        // Bring every branch into main so HEAD sees all of history.
        for name in tips.keys.sorted() where name != "main" {
            guard let main = tips["main"], let side = tips[name] else { continue }
            time += 60
            var merged = main.files
            for (path, file) in side.files where merged[path] == nil { merged[path] = file }
            tips["main"] = (history.commit(parents: [main.index, side.index], files: merged, time: time), merged)
        }
        return history
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func lastChangeMatchesGitLog(seed: UInt64) throws {
        let repository = try TestRepository()
        _ = try Self.randomHistory(seed: seed, commits: 70).load(into: repository)
        let paths = try repository.git("ls-tree", "-r", "--name-only", "HEAD").split(separator: "\n").map(String.init)
        #expect(paths.count > 5)
        #expect(Int(try repository.git("rev-list", "--merges", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 3)
        // Paths deleted along the way are asked too, and paths that never existed: git names no commit for those,
        // and neither may the walk (a folder on one side only once made every open path below it look changed).
        let everPresent = Set(try repository.git("log", "--format=", "--name-only", "HEAD").split(separator: "\n").map(String.init))
        let asked = Set(paths).union(everPresent).union(["Content/never-there.md", "Content/a/never-there.md"])
        let git = try Repository.open(at: repository.path)
        let head = try #require(try git.head().commit)
        let answers = try History(repository: git).answer(Dictionary(uniqueKeysWithValues: asked.map { ($0, .lastChange) }), from: head)
        for path in asked.sorted() {
            let expected = try repository.git("log", "-1", "--format=%H", "--", path).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect((answers[path]?.id.hex ?? "") == expected, "seed \(seed): \(path)")
        }
    }

    /// A path's versions along the first-parent chain, taken from what a history walk noted in passing (and read
    /// where the walk did not go), equal those read commit by commit: for a file, a folder and a missing path, after
    /// a walk that covers all of history and one that stops early.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func versionsNotedByTheWalkEqualThoseReadAgain(seed: UInt64) throws {
        let repository = try TestRepository()
        _ = try Self.randomHistory(seed: seed, commits: 70).load(into: repository)
        let git = try Repository.open(at: repository.path)
        let head = try git.commit(try #require(try git.head().commit))
        let paths = try repository.git("ls-tree", "-r", "--name-only", "HEAD").split(separator: "\n").map(String.init)
        let everyPath = Dictionary(uniqueKeysWithValues: paths.map { ($0, History.Question.lastChange) })
        let onePath = [try #require(paths.first): History.Question.lastChange]
        for noted in ["Content/a/m0.md", "Content/b", "Content/none/roster.yml"] {
            let readAgain = try RosterChanges.compute(repository: git, rosterPath: noted, tip: head, cached: nil)
            for questions in [everyPath, onePath] {
                var walked = WalkedCommits(path: noted)
                _ = try History(repository: git).answer(questions, from: head.id, known: nil, noting: &walked)
                #expect(!walked.visits.isEmpty)
                let fromWalk = try RosterChanges.compute(repository: git, rosterPath: noted, tip: head, cached: nil, walked: walked)
                #expect(fromWalk.changes.map(Self.line) == readAgain.changes.map(Self.line), "seed \(seed): \(noted), \(questions.count) paths")
            }
        }
    }

    private static func line(_ change: RosterChanges.Change) -> String {
        "\(change.since.timeIntervalSince1970) \(change.commit.hex) \(change.blob?.hex ?? "-")"
    }

    @Test func introductionIsTheCommitThatAddedTheFile() throws {
        var history = FastImportHistory()
        let base = history.commit(parents: [], files: ["Content/changes/e.yml": ("100644", "v1\n")], time: 1_000)
        let edit = history.commit(parents: [base], files: ["Content/changes/e.yml": ("100644", "v2\n")], time: 2_000)
        let removed = history.commit(parents: [edit], files: ["Content/other.md": ("100644", "x\n")], time: 3_000)
        let readded = history.commit(parents: [removed], files: ["Content/changes/e.yml": ("100644", "v3\n")], time: 4_000)
        _ = history.commit(parents: [readded], files: ["Content/changes/e.yml": ("100644", "v4\n")], time: 5_000)
        let repository = try TestRepository()
        let ids = try history.load(into: repository)
        let git = try Repository.open(at: repository.path)
        let answers = try History(repository: git).answer(["Content/changes/e.yml": .introduction], from: try #require(try git.head().commit))
        let expected = try repository.git("log", "--diff-filter=A", "-1", "--format=%H", "--", "Content/changes/e.yml")
        #expect(answers["Content/changes/e.yml"]?.id.hex == ids[readded])
        #expect(expected.trimmingCharacters(in: .whitespacesAndNewlines) == ids[readded])
    }
}

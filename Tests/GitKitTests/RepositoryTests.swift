import Foundation
import GitKit
import Testing
import TestSupport

@Suite struct RepositoryTests {
    @Test func headStates() throws {
        let repository = try TestRepository()
        #expect(try Repository.open(at: repository.path).head() == .unborn(branch: "refs/heads/main"))
        try repository.write("a.txt", "one\n")
        let first = try repository.commit("first")
        #expect(try Repository.open(at: repository.path).head() == .branch(name: "refs/heads/main", commit: try #require(ObjectID(hex: first))))
        try repository.git("checkout", "-q", "--detach")
        #expect(try Repository.open(at: repository.path).head() == .detached(commit: try #require(ObjectID(hex: first))))
    }

    @Test func discoveryFailsOutsideARepository() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: GitError.self) { try Repository.open(at: folder.path) }
    }

    @Test func blobsAndTreesMatchGit() throws {
        let repository = try TestRepository()
        try repository.write("docs/a.txt", "alpha\n")
        try repository.commit("first")
        let git = try Repository.open(at: repository.path)
        let blob = try git.writeBlob(Data("beta\n".utf8))
        try repository.write("b.txt", "beta\n")
        #expect(blob.hex == (try repository.git("hash-object", "b.txt").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try Repository.blobID(of: Data("alpha\n".utf8)).hex == (try repository.git("rev-parse", "HEAD:docs/a.txt").trimmingCharacters(in: .whitespacesAndNewlines)))
        let head = try git.commit(try #require(try git.head().commit))
        let tree = try git.tree(updating: head.tree, with: [("docs/deeper/b.txt", blob)])
        #expect(try repository.git("ls-tree", "-r", "--name-only", tree.hex) == "docs/a.txt\ndocs/deeper/b.txt\n")
        #expect(String(decoding: try git.blob(blob), as: UTF8.self) == "beta\n")
    }

    /// One pass over two trees finds what `git diff-tree` (one level, no renames) lists, in git's order, including
    /// names that sort differently as folders ("a.b" before "a/") and an entry that turned from file into folder.
    @Test func treeDifferencesMatchGitDiffTree() throws {
        let repository = try TestRepository()
        for (path, text) in [("a.b", "1"), ("a/x", "2"), ("a0", "3"), ("keep", "4"), ("gone", "5"), ("swap", "6"), ("mode", "7")] {
            try repository.write(path, text + "\n")
        }
        let first = try repository.commit("first")
        try repository.write("a/x", "changed\n")
        try repository.write("a.c", "new\n")
        try FileManager.default.removeItem(atPath: repository.path + "/gone")
        try FileManager.default.removeItem(atPath: repository.path + "/swap")
        try repository.write("swap/inside", "8\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repository.path + "/mode")
        let second = try repository.commit("second")
        let objects = try Repository.open(at: repository.path).objectDatabase()
        let new = try objects.tree(try objects.commitHeader(try #require(ObjectID(hex: second))).tree)
        let old = try objects.tree(try objects.commitHeader(try #require(ObjectID(hex: first))).tree)
        let differences = new.differences(from: old)
        let names = differences.map { "\($0.name) \($0.new == nil ? "-" : "+")\($0.old == nil ? "-" : "+")" }
        let expected = try repository.git("diff-tree", "--no-renames", "--name-status", first, second)
        let expectedNames = expected.split(separator: "\n").map { String($0.split(separator: "\t").last ?? "") }
        #expect(Set(differences.map(\.name)) == Set(expectedNames))
        #expect(names == ["a.c +-", "a ++", "gone -+", "mode ++", "swap -+", "swap +-"])
        #expect(new.differences(from: new).isEmpty)
        // Lookups find folders and files on either side of where git's order puts "a/" against "a.b" and "a0".
        let folder = try repository.git("rev-parse", second + ":a").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(new.entryIdentity(named: "a") == EntryIdentity(id: try #require(ObjectID(hex: folder)), mode: .tree))
        #expect(new.entryIdentity(named: "mode")?.mode == .executable)
        #expect(old.entryIdentity(named: "a.b")?.mode == .blob)
        #expect(new.entryIdentity(named: "a0") != nil)
        #expect(new.entryIdentity(named: "gone") == nil)
        #expect(new.entryIdentity(named: "a/x") == nil)
    }

    /// A walk reads commits' tree, parents and committer time from their header, as `git log` prints them.
    @Test func commitHeadersMatchGit() throws {
        let repository = try TestRepository()
        try repository.write("a.txt", "one\n")
        try repository.commit("first")
        try repository.git("checkout", "-q", "-b", "side")
        try repository.write("b.txt", "two\n")
        try repository.commit("side")
        try repository.git("checkout", "-q", "main")
        try repository.write("c.txt", "three\n")
        try repository.commit("main")
        try repository.git("merge", "-q", "--no-ff", "-m", "merge", "side")
        let objects = try Repository.open(at: repository.path).objectDatabase()
        let fields = try repository.git("log", "-1", "--format=%H %T %ct %P").split(whereSeparator: \.isWhitespace).map(String.init)
        let header = try objects.commitHeader(try #require(ObjectID(hex: fields[0])))
        #expect(header.tree.hex == fields[1])
        #expect(header.seconds == Int64(fields[2]))
        #expect(header.parents.map(\.hex) == Array(fields[3...]))
        #expect(throws: GitError.self) { try objects.commitHeader(header.tree) }
        // Existence as a commit, as `git cat-file -t` sees it: a tree is not one, an unknown id is absent.
        #expect(try objects.containsCommit(header.id))
        #expect(try objects.containsCommit(header.parents[1]))
        #expect(try !objects.containsCommit(header.tree))
        #expect(try !objects.containsCommit(try #require(ObjectID(hex: String(repeating: "ab", count: 20)))))
    }

    /// A path's versions along a history equal `git rev-parse COMMIT:PATH`, through unrelated edits, a deletion,
    /// a folder that turns into a file and back, and a re-addition.
    @Test func pathVersionsAlongAHistoryMatchGit() throws {
        let repository = try TestRepository()
        var commits: [String] = []
        func step(_ message: String, _ change: () throws -> Void) throws {
            try change()
            commits.append(try repository.commit(message))
        }
        try step("add") { try repository.write("a/b/c.txt", "1\n"); try repository.write("other.txt", "x\n") }
        try step("unrelated") { try repository.write("other.txt", "y\n") }
        try step("sibling") { try repository.write("a/b/d.txt", "2\n") }
        try step("edit") { try repository.write("a/b/c.txt", "3\n") }
        try step("delete") { try repository.remove("a/b/c.txt") }
        try step("folder to file") { try repository.remove("a/b"); try repository.write("a/b", "file\n") }
        try step("file to folder") { try repository.remove("a/b"); try repository.write("a/b/c.txt", "4\n") }
        let git = try Repository.open(at: repository.path)
        let objects = try git.objectDatabase()
        let trees = try commits.map { try git.commit(try #require(ObjectID(hex: $0))).tree }
        for path in ["a/b/c.txt", "a/b", "other.txt", "a/b/c.txt/x"] {
            let ours = try objects.versions(atPath: path, in: trees).map { $0?.hex ?? "-" }
            let theirs = try commits.map { commit in
                let result = try Command.run("/usr/bin/git", ["rev-parse", "--verify", "-q", commit + ":" + path], in: repository.path,
                                             environment: repository.environment())
                return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : "-"
            }
            #expect(ours == theirs, "\(path)")
            #expect(try trees.map { try objects.entry(atPath: path, in: $0)?.hex ?? "-" } == theirs, "\(path)")
        }
    }

    /// A tree object whose bytes break the format is an error naming the tree, not a crash or a wrong answer.
    @Test func malformedTreeIsAnError() throws {
        let repository = try TestRepository()
        let path = repository.path + "/bad-tree"
        try Data("100644 name-without-id".utf8).write(to: URL(fileURLWithPath: path))
        let written = try repository.git("hash-object", "-t", "tree", "--literally", "-w", path).trimmingCharacters(in: .whitespacesAndNewlines)
        let objects = try Repository.open(at: repository.path).objectDatabase()
        #expect(throws: GitError.self) { try objects.tree(try #require(ObjectID(hex: written))) }
    }

    @Test func referenceUpdateComparesAndSwaps() throws {
        let repository = try TestRepository()
        try repository.write("a.txt", "one\n")
        let first = try #require(ObjectID(hex: try repository.commit("first")))
        try repository.write("a.txt", "two\n")
        let second = try #require(ObjectID(hex: try repository.commit("second")))
        let git = try Repository.open(at: repository.path)
        #expect(throws: GitError.self) {
            try git.updateReference("refs/heads/main", to: first, expecting: first, message: "stale expectation")
        }
        #expect(try git.referenceTarget("refs/heads/main") == second)
        try git.updateReference("refs/heads/main", to: first, expecting: second, message: "move back")
        #expect(try repository.head() == first.hex)
        try git.updateReference("refs/heads/new", to: second, expecting: nil, message: "create")
        #expect(throws: GitError.self) {
            try git.updateReference("refs/heads/new", to: first, expecting: nil, message: "must not exist")
        }
    }
}

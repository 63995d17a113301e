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

import Foundation
import Testing
import TestSupport

/// Repository states contentctl cannot work in get one line on stderr and exit 69.
@Suite struct RepositoryStateTests {
    @Test func outsideARepositoryExits69() throws {
        let repository = try TestRepository()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let result = try CLI.run(["review"], in: repository, environment: ["GIT_CEILING_DIRECTORIES": outside.deletingLastPathComponent().path], folder: outside.path)
        #expect(result.status == 69)
        #expect(result.stderr.contains("not a git repository"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func unbornBranchExits69() throws {
        let repository = try TestRepository()
        let result = try CLI.run(["review"], in: repository)
        #expect(result.status == 69)
        #expect(result.stderr == "contentctl: branch main has no commits yet: commit your content first\n")
    }
}

import Foundation
import Testing
import TestSupport

/// The synthetic repository generator behind `Scripts/bench`, and contentctl's history checked against git on it.
@Suite struct GeneratedRepositoryTests {
    @Test func theSameSeedGivesTheSameRepository() throws {
        let first = try TestRepository.generated(modules: 40, commits: 300, seed: 3)
        let second = try TestRepository.generated(modules: 40, commits: 300, seed: 3)
        let other = try TestRepository.generated(modules: 40, commits: 300, seed: 4)
        #expect(try first.head() == second.head())
        #expect(try first.head() != other.head())
        #expect(try first.git("rev-list", "--count", "HEAD") == "300\n")
        #expect(try Int(first.git("rev-list", "--merges", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0)
    }

    /// Every module's last-changed commit equals `git log -1 -- PATH` on a history with merges, renames,
    /// deletions and clock skew, small and larger.
    @Test(arguments: [(60, 11), (60, 12), (300, 13)])
    func lastChangedMatchesGitOnAGeneratedHistory(modules count: Int, seed: Int) throws {
        let repository = try TestRepository.generated(modules: count, commits: 600, seed: seed)
        let listing = try CLI.run(["modules", "--format", "json"], in: repository)
        #expect(listing.status == 0, "\(listing.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [String: Any]
        let modules = try #require(object?["modules"] as? [[String: Any]])
        #expect(modules.count >= count / 2)
        var mismatches: [String] = []
        for module in modules {
            let path = module["path"] as? String ?? ""
            let ours = (module["lastChanged"] as? [String: Any])?["commit"] as? String
            let git = try repository.git("log", "-1", "--format=%H", "--", path).trimmingCharacters(in: .whitespacesAndNewlines)
            if ours != git { mismatches.append("\(path): contentctl \(ours ?? "none"), git \(git)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}

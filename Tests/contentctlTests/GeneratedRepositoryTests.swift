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

    /// Past a thousand modules a cold walk gives half the paths to a second contentctl process: its answers, read
    /// back through the review, equal `git log -1 -- PATH` (every 20th module in path order, from both halves).
    @Test func aWalkSplitWithASecondProcessMatchesGit() throws {
        let repository = try TestRepository.generated(modules: 1_300, commits: 300, seed: 18)
        let review = try CLI.run(["review", "--format", "json", "--no-cache", "--as-of", "2027-01-15"], in: repository)
        #expect(review.status == 0 || review.status == 65, "\(review.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(review.stdout.utf8)) as? [String: Any]
        let modules = try #require(object?["modules"] as? [[String: Any]]).sorted { ($0["path"] as? String ?? "") < ($1["path"] as? String ?? "") }
        #expect(modules.count >= 1_000)
        var mismatches: [String] = []
        for module in modules.enumerated().filter({ $0.offset % 20 == 0 }).map(\.element) {
            let path = module["path"] as? String ?? ""
            let ours = (module["lastChanged"] as? [String: Any])?["commit"] as? String
            let git = try repository.git("log", "-1", "--format=%H", "--", path).trimmingCharacters(in: .whitespacesAndNewlines)
            if ours != git { mismatches.append("\(path): contentctl \(ours ?? "none"), git \(git)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")

        // The worker as contentctl starts it: paths on standard input, answers in the protocol's form.
        let paths = modules.suffix(3).compactMap { $0["path"] as? String }
        let worker = try CLI.run(["history-worker", "--repo", repository.path, "--head", try repository.head()], in: repository,
                                 input: paths.map { $0 + "\u{0}" }.joined())
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(worker.stdout.hasPrefix("contentctl-history-worker 1\n") && worker.stdout.hasSuffix("end\u{0}"))
        for path in paths {
            let git = try repository.git("log", "-1", "--format=%H", "--", path).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(worker.stdout.contains(git + " "), "\(path)")
        }
    }
}

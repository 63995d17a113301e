import Foundation
@testable import ContentKit
import GitKit
import Testing
import TestSupport

/// Whether one commit descends from another equals `git merge-base --is-ancestor`, on a generated history with side
/// branches merged back and commits dated before their parents.
@Suite struct AncestryTests {
    @Test func descentMatchesGitOnAGeneratedHistory() throws {
        let repository = try TestRepository.generated(modules: 40, commits: 300, seed: 11)
        let commits = try repository.git("rev-list", "--all").split(separator: "\n").map(String.init)
        let objects = try Repository.open(at: repository.path).objectDatabase()
        var random = SeededGenerator(seed: 3)
        var descendants = 0
        for _ in 0..<150 {
            let commit = commits[Int(random.next() % UInt64(commits.count))]
            // Half the pairs are a commit and one of its own ancestors, so both answers are exercised.
            let ancestors = try repository.git("rev-list", commit).split(separator: "\n").map(String.init)
            let other = random.next() % 2 == 0 ? ancestors[Int(random.next() % UInt64(ancestors.count))] : commits[Int(random.next() % UInt64(commits.count))]
            let isAncestor = try Command.run("/usr/bin/git", ["merge-base", "--is-ancestor", other, commit], in: repository.path,
                                             environment: repository.environment()).status == 0
            let expected = isAncestor && other != commit
            let found = try Ancestry.isDescendant(try #require(ObjectID(hex: commit)), of: try #require(ObjectID(hex: other)), objects: objects)
            #expect(found == expected, "\(commit) descends from \(other)")
            if expected { descendants += 1 }
        }
        #expect(descendants > 30)
        #expect(descendants < 120)
    }
}

import Foundation
import Testing
import TestSupport

/// The last review's output, reused while nothing it was made from has changed. Each test first plants a cached
/// output that no review could print, with a matching digest: seeing it proves the cache was used; not seeing it
/// after a change proves the change was noticed. The fresh output is then compared with an uncached run.
@Suite struct ReviewOutputCacheTests {
    private static let planted = "planted output\n"
    private static let cacheFile = ".git/contentctl/cache/review"

    /// Replaces the output kept in the cache with `planted`, its digest updated so that the file is consistent.
    private func plant(in repository: TestRepository) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: repository.path + "/" + Self.cacheFile))
        let lines = data.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        var entry = try #require(try JSONSerialization.jsonObject(with: Data(lines[1])) as? [String: Any])
        let digest = try Command.run("/bin/sh", ["-c", "printf 'planted output\\n' | sha256sum"], in: repository.path, environment: repository.environment())
        entry["outputDigest"] = String(digest.stdout.prefix(64))
        var file = Data(lines[0]) + Data("\n".utf8)
        file += try JSONSerialization.data(withJSONObject: entry) + Data("\n".utf8) + Data(Self.planted.utf8)
        try file.write(to: URL(fileURLWithPath: repository.path + "/" + Self.cacheFile))
    }

    /// Runs `arguments` cached and uncached; the two agree in output, warnings and exit status.
    @discardableResult
    private func review(_ arguments: [String], in repository: TestRepository, environment: [String: String] = [:]) throws -> Command.Result {
        let cached = try CLI.run(["review"] + arguments, in: repository, environment: environment)
        let uncached = try CLI.run(["review", "--no-cache"] + arguments, in: repository, environment: environment)
        #expect(cached.stdout == uncached.stdout)
        #expect(cached.stderr == uncached.stderr)
        #expect(cached.status == uncached.status)
        return cached
    }

    private func signedLibrary() throws -> SignedLibrary {
        let library = try SignedLibrary()
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        return library
    }

    @Test func anUnchangedReviewIsPrintedFromTheCacheButNotUnderNoCache() throws {
        let repository = try signedLibrary().repository
        let fresh = try review(["--as-of", "2026-03-05", "--format", "json"], in: repository)
        #expect(fresh.stdout.contains("\"dosing\""))
        try plant(in: repository)
        let reused = try CLI.run(["review", "--as-of", "2026-03-05", "--format", "json"], in: repository)
        #expect(reused.stdout == Self.planted)
        #expect(reused.stderr == fresh.stderr)
        #expect(try CLI.run(["review", "--as-of", "2026-03-05", "--format", "json", "--no-cache"], in: repository).stdout == fresh.stdout)
    }

    @Test func anotherDayFormatBranchOrCommitMakesTheReviewAfresh() throws {
        let repository = try signedLibrary().repository
        let json = ["--as-of", "2026-03-05", "--format", "json"]
        let changes: [(String, () throws -> [String])] = [
            ("another day", { ["--as-of", "2026-03-06", "--format", "json"] }),
            ("the table", { ["--as-of", "2026-03-05"] }),
            ("a detached HEAD on the same commit", { try repository.git("checkout", "-q", "--detach"); return json }),
            ("a new commit", {
                try repository.git("checkout", "-q", "main")
                try repository.write("Content/extra.md", "---\nid: extra\ntitle: Extra\n---\n\nMore.\n")
                try repository.commit("Extra module")
                return json
            }),
        ]
        for (change, arguments) in changes {
            try review(json, in: repository)
            try plant(in: repository)
            let result = try review(try arguments(), in: repository)
            #expect(result.stdout != Self.planted, "\(change)")
            #expect(!result.stdout.isEmpty, "\(change)")
        }
    }

    @Test func aMovedOrDeletedTrustedBranchMakesTheReviewAfresh() throws {
        let library = try signedLibrary()
        let repository = library.repository
        try repository.git("checkout", "-q", "-b", "feature")
        let json = ["--as-of", "2026-03-05", "--format", "json"]
        let before = try review(json, in: repository)
        try plant(in: repository)
        // Dan leaves the roster on the trusted branch: his record made before that still counts, but the roster the
        // review was judged by is another commit.
        try repository.git("checkout", "-q", "main")
        try repository.write("Content/roster.yml", try library.roster(withMallory: true))
        try repository.commit("Mallory joins")
        try repository.git("checkout", "-q", "feature")
        #expect(try review(json, in: repository).stdout != Self.planted)
        try plant(in: repository)
        try repository.git("branch", "-q", "-D", "main")
        let withoutTrustedBranch = try review(json, in: repository)
        #expect(withoutTrustedBranch.stdout != Self.planted)
        #expect(withoutTrustedBranch.stdout.contains("\"dosing\""))
        #expect(before.stdout.contains("\"dosing\""))
    }

    @Test func aPrunedApprovedCommitMakesTheReviewAfresh() throws {
        let library = try SignedLibrary()
        let repository = library.repository
        // Reworded and signed on a side branch, then squash-merged: the approved commit stays only until it is pruned.
        try repository.git("checkout", "-q", "-b", "review")
        try repository.write(SignedLibrary.dosing, SignedLibrary.module(id: "dosing", markets: "[US]", body: "Take 15 mg once daily with food."))
        try repository.commit("Dosing: with food")
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        try repository.git("checkout", "-q", "main")
        try repository.git("merge", "-q", "--squash", "review")
        try repository.commit("squash-merge the review")
        try repository.git("branch", "-q", "-D", "review")
        let json = ["--as-of", "2026-03-05", "--format", "json"]
        let approved = try repository.git("log", "-1", "--format=%H", "--grep", "Dosing: with food", "--all", "--reflog").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try repository.git("cat-file", "-t", approved) == "commit\n")
        try review(json, in: repository)
        try plant(in: repository)
        try repository.git("reflog", "expire", "--expire=now", "--all")
        try repository.git("gc", "-q", "--prune=now")
        let gone = try Command.run("/usr/bin/git", ["cat-file", "-e", approved], in: repository.path, environment: repository.environment())
        #expect(gone.status != 0)
        // The record's text is kept as a snapshot, so its verdict stands; but the review was made again to find that out.
        #expect(try review(json, in: repository).stdout != Self.planted)
    }

    @Test func aDamagedCacheIsNotTrusted() throws {
        let repository = try signedLibrary().repository
        let json = ["--as-of", "2026-03-05", "--format", "json"]
        let fresh = try review(json, in: repository)
        let path = repository.path + "/" + Self.cacheFile
        let damages: [(String, (Data) -> Data)] = [
            ("output changed without its digest", { $0.prefix($0.count - 20) + Data(String(repeating: "x", count: 20).utf8) }),
            ("truncated", { $0.prefix($0.count / 2) }),
            ("garbage", { _ in Data("garbage\n{}\n".utf8) }),
        ]
        for (damage, change) in damages {
            try review(json, in: repository)
            try change(try Data(contentsOf: URL(fileURLWithPath: path))).write(to: URL(fileURLWithPath: path))
            #expect(try review(json, in: repository).stdout == fresh.stdout, "\(damage)")
        }
    }

    @Test func findingsAndExitCodesAreTheSameFromTheCache() throws {
        let repository = try signedLibrary().repository
        try repository.write("Content/broken.md", "---\nid: broken\nproducts: zentrava: [\n---\n\nText.\n")
        try repository.commit("A broken module")
        for arguments in [["--as-of", "2026-03-05", "--strict"], ["--as-of", "2026-03-05", "--format", "json"]] {
            let first = try review(arguments, in: repository)
            let second = try review(arguments, in: repository)
            #expect(first.status == 65)
            #expect(second.status == 65)
            #expect(second.stderr == first.stderr)
            #expect(second.stderr.contains("broken"))
        }
        try repository.remove("Content/broken.md")
        try repository.commit("Broken module removed")
        let strict = try review(["--as-of", "2026-03-05", "--strict"], in: repository)
        let again = try review(["--as-of", "2026-03-05", "--strict"], in: repository)
        #expect(strict.status == 1)
        #expect(again.status == 1)
        #expect(again.stderr == strict.stderr)
        #expect(again.stderr.contains("active module"))
    }
}

import Crypto
import ContentKit
import Foundation
import Testing
import TestSupport

/// The history and parse cache under `.git/contentctl/cache/`: a cached run says exactly what an uncached one says.
@Suite struct CacheTests {
    private func generated(modules: Int = 60, commits: Int = 500, seed: Int = 21) throws -> TestRepository {
        let repository = try TestRepository.generated(modules: modules, commits: commits, seed: seed)
        repository.clock = Date(timeIntervalSince1970: 1_800_000_000)
        return repository
    }

    /// The kept review output is removed first, so a cached run is made from the history and parse caches these
    /// tests are about (the output cache has its own tests).
    private func review(_ repository: TestRepository, cache: Bool) throws -> String {
        try? FileManager.default.removeItem(atPath: repository.path + "/" + cacheFolder + "/review")
        let result = try CLI.run(["review", "--as-of", "2027-01-15", "--format", "json"] + (cache ? [] : ["--no-cache"]), in: repository)
        #expect(result.status == 0 || result.status == 65, "\(result.stderr)")
        return result.stdout
    }

    private var cacheFolder: String { ".git/contentctl/cache" }

    /// A generated repository whose caches one cached review has filled, and the uncached review it must equal.
    private func primed() throws -> (repository: TestRepository, uncached: String) {
        let repository = try generated()
        let uncached = try review(repository, cache: false)
        #expect(try review(repository, cache: true) == uncached)
        return (repository, uncached)
    }

    @Test func cachedRunsMatchUncachedOnesAcrossNewCommitsAMergedSideBranchAndARewrite() throws {
        let repository = try generated()
        let uncached = try review(repository, cache: false)
        #expect(!FileManager.default.fileExists(atPath: repository.path + "/" + cacheFolder + "/history"))
        #expect(try review(repository, cache: true) == uncached)
        #expect(FileManager.default.fileExists(atPath: repository.path + "/" + cacheFolder + "/history"))
        #expect(try review(repository, cache: true) == uncached)

        // A side branch forked well before the cached head, edited there, merged after it.
        let fork = try repository.git("rev-parse", "HEAD~30").trimmingCharacters(in: .whitespacesAndNewlines)
        let changedSince = Set(try repository.git("diff", "--name-only", fork, "HEAD").split(separator: "\n").map(String.init))
        let untouched = try repository.git("ls-tree", "-r", "--name-only", fork, "Content/").split(separator: "\n").map(String.init)
            .filter { $0.hasSuffix(".md") && !changedSince.contains($0) }
        let sidePath = try #require(untouched.first)
        try repository.git("checkout", "-q", "-b", "side", fork)
        try repository.write(sidePath, try repository.read(sidePath) + "\nA paragraph added on the side branch.\n")
        try repository.commit("Side edit")
        try repository.git("checkout", "-q", "main")
        let mainPath = try #require(untouched.dropFirst().first)
        try repository.write(mainPath, try repository.read(mainPath) + "\nA paragraph added on main.\n")
        try repository.commit("Main edit")
        try repository.git(["merge", "-q", "--no-ff", "-m", "Merge side", "side"], date: repository.clock)
        let merged = try review(repository, cache: false)
        #expect(merged != uncached)
        #expect(try review(repository, cache: true) == merged)
        let sideCommit = try repository.git("log", "-1", "--format=%H", "--", sidePath).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(merged.contains("\"commit\": \"\(sideCommit)\""))

        // A rewritten history: the cached head is no longer an ancestor.
        try repository.git("reset", "-q", "--hard", "HEAD~2")
        try repository.write(mainPath, try repository.read(mainPath) + "\nRewritten.\n")
        try repository.commit("Rewritten edit")
        #expect(try review(repository, cache: true) == (try review(repository, cache: false)))
    }

    /// Past two thousand modules, reviewing, writing the JSON and reading the parse cache are split between both
    /// cores: the document is the same, cached or not, and lists every module once.
    @Test func aLibrarySplitAcrossBothCoresGivesTheSameReview() throws {
        let repository = try generated(modules: 2_100, commits: 300, seed: 5)
        let uncached = try review(repository, cache: false)
        #expect(try review(repository, cache: true) == uncached)
        #expect(try review(repository, cache: true) == uncached)
        let document = try JSONSerialization.jsonObject(with: Data(uncached.utf8)) as? [String: Any]
        let modules = try #require(document?["modules"] as? [[String: Any]])
        let paths = modules.compactMap { $0["path"] as? String }
        let files = try repository.git("ls-tree", "-r", "--name-only", "HEAD", "Content/").split(separator: "\n")
            .filter { $0.hasSuffix(".md") && !$0.contains("/changes/") }
        #expect(paths.count == files.count)
        #expect(Set(paths) == Set(files.map(String.init)))
        // Most urgent verdict first, then by id: within a verdict, ids ascend across the two halves too.
        let keys = modules.map { (($0["verdicts"] as? [String])?.first ?? "", $0["id"] as? String ?? "") }
        for (earlier, later) in zip(keys, keys.dropFirst()) where earlier.0 == later.0 {
            #expect(earlier.1 < later.1)
        }
    }

    @Test func aDamagedCacheIsIgnoredAndRewritten() throws {
        let (repository, uncached) = try primed()
        for file in ["history", "parsed", "rosters"] {
            try repository.write(cacheFolder + "/" + file, "contentctl-history-cache 1\nnot a commit\nL zz Content/x.md\n")
        }
        #expect(try review(repository, cache: true) == uncached)
        #expect(try repository.read(cacheFolder + "/parsed").hasPrefix("contentctl-parse-cache 1\n"))
        try repository.write(cacheFolder + "/parsed", "garbage")
        #expect(try review(repository, cache: true) == uncached)
    }

    /// The history cache keeps each answer's commit time, so a review takes dates from it without reading commits.
    /// A file edited outside contentctl fails its digest and is walked afresh; an answer naming a commit that is
    /// gone (a history made shallow) is walked again, even in a file whose digest holds.
    @Test func aHistoryCacheWithAlteredTimesOrMissingCommitsIsNotTrusted() throws {
        let (repository, uncached) = try primed()
        let history = repository.path + "/" + cacheFolder + "/history"
        let original = try String(contentsOfFile: history, encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix("L ") })
        var fields = lines[index].split(separator: " ", maxSplits: 3).map(String.init)
        let seconds = try #require(Int(fields[2]))
        let moved = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(seconds - 400 * 86_400)))

        fields[2] = String(seconds - 400 * 86_400)
        lines[index] = fields.joined(separator: " ")
        try lines.joined(separator: "\n").write(toFile: history, atomically: true, encoding: .utf8)
        let afterEdit = try review(repository, cache: true)
        #expect(afterEdit == uncached)
        #expect(!afterEdit.contains(moved))

        fields[1] = String(repeating: "e", count: 40)
        fields[2] = String(seconds)
        lines[index] = fields.joined(separator: " ")
        let body = lines.dropLast(2).joined(separator: "\n") + "\n"
        let digest = SHA256.hash(data: Data(body.utf8)).map { String(format: "%02x", $0) }.joined()
        try (body + "sha256 " + digest + "\n").write(toFile: history, atomically: true, encoding: .utf8)
        let missing = try review(repository, cache: true)
        #expect(missing == uncached)
        #expect(!missing.contains(String(repeating: "e", count: 40)))
    }

    /// A commit that edits a few modules appends their entries to the parse cache; once most of the file is stale
    /// it is written anew with only what the review used. A file whose last line was cut off is discarded.
    @Test func theParseCacheGrowsByAppendingAndIsRewrittenWhenMostlyStale() throws {
        let repository = try primed().repository
        let parsed = repository.path + "/" + cacheFolder + "/parsed"
        let before = try String(contentsOfFile: parsed, encoding: .utf8)

        let modules = try repository.git("ls-files", "Content/*.md").split(separator: "\n").map(String.init).filter { !$0.contains("/changes/") }
        let first = try #require(modules.first)
        let oldBlob = try repository.git("rev-parse", "HEAD:" + first).trimmingCharacters(in: .whitespacesAndNewlines)
        try repository.write(first, try repository.read(first) + "\nOne more sentence.\n")
        try repository.commit("Edit one module")
        #expect(try review(repository, cache: true) == (try review(repository, cache: false)))
        let appended = try String(contentsOfFile: parsed, encoding: .utf8)
        #expect(appended.hasPrefix(before))
        #expect(appended.count > before.count)
        #expect(appended.contains("\t" + oldBlob + "\t"))

        for module in modules.prefix(modules.count * 3 / 4) {
            try repository.write(module, try repository.read(module) + "\nRewritten for the new label.\n")
        }
        try repository.commit("Edit most modules")
        #expect(try review(repository, cache: true) == (try review(repository, cache: false)))
        let rewritten = try String(contentsOfFile: parsed, encoding: .utf8)
        #expect(!rewritten.hasPrefix(appended))
        #expect(!rewritten.contains("\t" + oldBlob + "\t"))

        try String(rewritten.dropLast(10)).write(toFile: parsed, atomically: true, encoding: .utf8)
        #expect(try review(repository, cache: true) == (try review(repository, cache: false)))
        #expect(try String(contentsOfFile: parsed, encoding: .utf8).hasSuffix("\n"))
    }

    /// The module file is unchanged, so the parse cache holds it, but its asset is not: it is parsed again, from the
    /// commit's tree, and its fingerprint follows the asset.
    @Test func aChangedAssetIsNotAnsweredFromTheCache() throws {
        let repository = try TestRepository()
        try repository.write("Content/roster.yml", TestRepository.minimalRoster)
        try repository.write("Content/dosing.md", "---\nid: dosing\ntitle: Dosing\nproducts: [zentrava]\nassets: [card.txt]\n---\n\nText.\n")
        try repository.write("Content/card.txt", "Dosing card, first printing.\n")
        try repository.commit("Library")
        let before = try review(repository, cache: true)
        try repository.write("Content/card.txt", "Dosing card, second printing.\n")
        try repository.commit("Reprint the card")
        let cached = try review(repository, cache: true)
        #expect(cached == (try review(repository, cache: false)))
        let fingerprint = try #require(cached.firstMatch(of: /"fingerprint": "([^"]+)"/)?.1)
        #expect(!before.contains(String(fingerprint)))
    }

    @Test func aConfigurationChangeIsNotAnsweredFromTheCache() throws {
        let repository = try TestRepository()
        try repository.write("Content/roster.yml", TestRepository.minimalRoster)
        try repository.write("Content/dosing.md", "---\nid: dosing\ntitle: Dosing\nproducts: [zentrava, lumidex]\n---\n\nText.\n")
        try repository.commit("Library")
        #expect(try review(repository, cache: true).contains("\"never-reviewed\""))
        try repository.write("contentctl.yml", "vocabularies:\n  products: [zentrava]\n")
        try repository.commit("Restrict products")
        let cached = try review(repository, cache: true)
        #expect(cached == (try review(repository, cache: false)))
        #expect(cached.contains("product 'lumidex' is not in the products vocabulary") || cached.contains("\"invalid\""))
    }
}

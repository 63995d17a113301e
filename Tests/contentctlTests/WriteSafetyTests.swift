import Foundation
import Testing
import TestSupport

/// Sign-offs under concurrency and kills: no record is ever lost, the repository stays consistent,
/// and nothing needs cleaning up by hand.
@Suite(.serialized) struct WriteSafetyTests {
    static let reviewers = (1...8).map { "reviewer\($0)" }

    /// A small library whose roster has eight sales reviewers and one product reviewer.
    func repository() throws -> TestRepository {
        let repository = try TestRepository()
        var roster = "roles:\n  sales:\n"
        for name in Self.reviewers { roster += "    - name: Reviewer \(name.dropFirst(8))\n      email: \(name)@example.com\n" }
        roster += "  product:\n    - name: Pat Product\n      email: pat@example.com\n"
        try repository.write("Content/roster.yml", roster)
        try repository.write("Content/dosing.md", "---\nid: dosing\ntitle: Dosing\n---\nTake one tablet daily.\n")
        try repository.write("Content/safety.md", "---\nid: safety\ntitle: Safety\n---\nReport adverse events within 24 hours.\n")
        try repository.commit("library")
        return repository
    }

    func environment(_ repository: TestRepository, reviewer: String, extra: [String: String] = [:]) -> [String: String] {
        var environment = repository.environment()
        environment.removeValue(forKey: "GIT_COMMITTER_DATE")
        environment["GIT_COMMITTER_NAME"] = "Reviewer"
        environment["GIT_COMMITTER_EMAIL"] = "\(reviewer)@example.com"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    func recordCount(_ repository: TestRepository) throws -> Int {
        try repository.git("ls-tree", "-r", "--name-only", "HEAD", "--", "Content/.signoffs").split(separator: "\n").filter { $0.hasSuffix(".signoff") }.count
    }

    func records(_ repository: TestRepository) throws -> Set<String> {
        Set(try repository.git("ls-tree", "-r", "--name-only", "HEAD", "--", "Content/.signoffs").split(separator: "\n").filter { $0.hasSuffix(".signoff") }.map(String.init))
    }

    @Test func eightConcurrentSignersLoseNoRecord() throws {
        let repository = try repository()
        let processes = try Self.reviewers.map { reviewer -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "for i in $(seq 25); do \"$0\" signoff dosing --role sales --yes >/dev/null || exit 1; done", CLI.binary]
            process.currentDirectoryURL = repository.root
            process.environment = environment(repository, reviewer: reviewer)
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try recordCount(repository) == 200)
        #expect(try repository.git("rev-list", "--count", "--merges", "HEAD") == "0\n")
        #expect(try repository.git("rev-list", "--count", "HEAD") == "201\n")
        _ = try repository.git("fsck", "--strict", "--no-progress")
        #expect(try repository.git("status", "--porcelain").isEmpty)
    }

    @Test(arguments: ["after-objects", "after-worktree", "after-index", "after-ref"])
    func killAtACrashPointLeavesNoDamage(point: String) throws {
        let repository = try repository()
        let before = try records(repository)
        let crashed = try Command.run(CLI.binary, ["signoff", "dosing", "--role", "sales", "--yes"], in: repository.path,
                                      environment: environment(repository, reviewer: "reviewer1", extra: ["CONTENTCTL_CRASH_AT": point]))
        #expect(crashed.status != 0)
        _ = try repository.git("fsck", "--no-progress")
        let afterCrash = try records(repository)
        #expect(afterCrash.isSuperset(of: before))
        #expect(afterCrash.count == (point == "after-ref" ? 1 : 0))
        let next = try Command.run(CLI.binary, ["signoff", "safety", "--role", "sales", "--yes"], in: repository.path,
                                   environment: environment(repository, reviewer: "reviewer2"))
        #expect(next.status == 0, "\(next.stderr)")
        let acknowledged = try records(repository)
        try repository.write("notes.txt", "the user's own work\n")
        try repository.git("add", "-A")
        try repository.commit("ordinary commit")
        #expect(try records(repository).isSuperset(of: acknowledged))
        _ = try repository.git("fsck", "--strict", "--no-progress")
    }

    @Test func fiftyRandomKillsNeverLoseAnAcknowledgedRecord() throws {
        let repository = try repository()
        var generator = SeededGenerator(seed: 7)
        var acknowledged: Set<String> = []
        for round in 0..<50 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["signoff", round.isMultiple(of: 2) ? "dosing" : "safety", "--role", "sales", "--yes"]
            process.currentDirectoryURL = repository.root
            process.environment = environment(repository, reviewer: Self.reviewers[round % 8])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(UInt32.random(in: 0...120_000, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .exit, process.terminationStatus == 0 {
                acknowledged.formUnion(try records(repository))
            }
            let next = try Command.run(CLI.binary, ["signoff", "dosing", "--role", "sales", "--yes"], in: repository.path,
                                       environment: environment(repository, reviewer: Self.reviewers[(round + 3) % 8]))
            #expect(next.status == 0, "round \(round): \(next.stderr)")
            acknowledged.formUnion(try records(repository))
            try repository.write("notes.txt", "round \(round)\n")
            try repository.git("add", "-A")
            try repository.commit("ordinary commit \(round)")
            #expect(try records(repository).isSuperset(of: acknowledged), "round \(round)")
        }
        _ = try repository.git("fsck", "--strict", "--no-progress")
        #expect(try repository.git("status", "--porcelain").isEmpty)
    }

    @Test func aLiveHolderIsReportedAndNeverBroken() throws {
        let repository = try repository()
        let lockPath = repository.path + "/.git/contentctl/writer.lock"
        try FileManager.default.createDirectory(atPath: repository.path + "/.git/contentctl", withIntermediateDirectories: true)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [lockPath, "sleep", "8"]
        try holder.run()
        usleep(300_000)
        let blocked = try Command.run(CLI.binary, ["signoff", "dosing", "--role", "sales", "--yes"], in: repository.path,
                                      environment: environment(repository, reviewer: "reviewer1"))
        #expect(blocked.status == 75)
        #expect(blocked.stderr.contains(".git/contentctl/writer.lock is held by another contentctl"))
        #expect(try recordCount(repository) == 0)
        #expect(holder.isRunning)
        holder.terminate()
        holder.waitUntilExit()
        let after = try Command.run(CLI.binary, ["signoff", "dosing", "--role", "sales", "--yes"], in: repository.path,
                                    environment: environment(repository, reviewer: "reviewer1"))
        #expect(after.status == 0, "\(after.stderr)")
    }

    @Test func aForeignIndexLockIsReportedNotRemoved() throws {
        let repository = try repository()
        try repository.write(".git/index.lock", "")
        let blocked = try Command.run(CLI.binary, ["signoff", "dosing", "--role", "sales", "--yes"], in: repository.path,
                                      environment: environment(repository, reviewer: "reviewer1"))
        #expect(blocked.status == 75)
        #expect(blocked.stderr.contains(".git/index.lock is held by another git process"))
        #expect(FileManager.default.fileExists(atPath: repository.path + "/.git/index.lock"))
        #expect(try recordCount(repository) == 0)
        #expect(blocked.stderr.split(separator: "\n").count == 1)
        #expect(try repository.git("status", "--porcelain").isEmpty)
    }
}

import Foundation

extension TestRepository {
    /// A repository written by `contentctl-synth` (the generator behind `Scripts/bench`), checked out at main.
    public static func generated(modules: Int, commits: Int, seed: Int) throws -> TestRepository {
        let repository = try TestRepository()
        let stream = try Command.run(Bundle.main.bundlePath + "/contentctl-synth", [String(modules), String(commits), String(seed)],
                                     in: repository.path, environment: repository.environment())
        guard stream.status == 0 else { throw TestFailure("contentctl-synth failed: \(stream.stderr)") }
        let imported = try Command.run("/usr/bin/git", ["fast-import", "--quiet"], in: repository.path,
                                       environment: repository.environment(), input: stream.stdout)
        guard imported.status == 0 else { throw TestFailure("git fast-import failed: \(imported.stderr)") }
        try repository.git("checkout", "-q", "-f", "main")
        return repository
    }
}

import Foundation

/// Builds exact histories with `git fast-import`: every commit lists its whole tree and its parents,
/// so tests can make merges identical to either parent, clock skew and equal timestamps at will.
public struct FastImportHistory {
    public struct Step {
        public var branch: String
        public var parents: [Int]
        public var files: [String: (mode: String, text: String)]
        public var time: Int
    }

    public private(set) var steps: [Step] = []

    public init() {}

    /// Adds a commit and returns its index; `parents` are indices of earlier commits.
    @discardableResult
    public mutating func commit(branch: String = "main", parents: [Int], files: [String: (mode: String, text: String)], time: Int) -> Int {
        steps.append(Step(branch: branch, parents: parents, files: files, time: time))
        return steps.count - 1
    }

    public var stream: String {
        var out = ""
        func data(_ text: String) {
            out += "data \(text.utf8.count)\n\(text)\n"
        }
        for (index, step) in steps.enumerated() {
            out += "commit refs/heads/\(step.branch)\nmark :\(index + 1)\n"
            out += "author Test Author <author@example.com> \(step.time) +0000\n"
            out += "committer Test Author <author@example.com> \(step.time) +0000\n"
            data("commit \(index)")
            if let first = step.parents.first { out += "from :\(first + 1)\n" }
            for other in step.parents.dropFirst() { out += "merge :\(other + 1)\n" }
            out += "deleteall\n"
            for path in step.files.keys.sorted() {
                let file = step.files[path]!
                out += "M \(file.mode) inline \(path)\n"
                data(file.text)
            }
            out += "\n"
        }
        return out
    }

    /// Imports the history into `repository` and returns the commit id of each step.
    public func load(into repository: TestRepository) throws -> [String] {
        let marks = repository.root.appendingPathComponent(".git/test-marks").path
        let result = try Command.run("/usr/bin/git", ["fast-import", "--quiet", "--force", "--export-marks=\(marks)"],
                                     in: repository.path, environment: repository.environment(), input: stream)
        guard result.status == 0 else { throw TestFailure("fast-import failed: \(result.stderr)") }
        var ids = Array(repeating: "", count: steps.count)
        for line in try String(contentsOfFile: marks, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let mark = Int(parts[0].dropFirst()) { ids[mark - 1] = String(parts[1]) }
        }
        return ids
    }
}

/// A small deterministic random number generator (SplitMix64) so generated histories are reproducible.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

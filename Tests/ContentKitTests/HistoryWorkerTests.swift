import Foundation
@testable import ContentKit
import GitKit
import Testing
import TestSupport

/// Half of a long history walk done by a second process: its answers equal this process's own walk, what it prints
/// is read back only in the protocol's exact form, and a worker that cannot run leaves its paths to this process.
@Suite struct HistoryWorkerTests {
    private func modulePaths(_ repository: TestRepository) throws -> [String] {
        try repository.git("ls-tree", "-r", "--name-only", "HEAD", "Content/").split(separator: "\n").map(String.init)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("Content/changes/") }
    }

    @Test func theWorkersAnswersEqualThisProcesssWalk() throws {
        let repository = try TestRepository.generated(modules: 120, commits: 400, seed: 16)
        let paths = try modulePaths(repository)
        let head = try repository.head()
        let questions = Dictionary(uniqueKeysWithValues: paths.map { ($0, History.Question.lastChange) })
        let walked = try History(repository: try Repository.open(at: repository.path)).answer(questions, from: try #require(ObjectID(hex: head)))
        let input = Data(paths.map { $0 + "\u{0}" }.joined().utf8)
        let served = try HistoryWorker.serve(input: input, head: head, location: repository.path)
        let answers = try #require(HistoryWorker.parse(served))
        #expect(answers == walked)
        #expect(answers.count == paths.count)
        #expect(throws: ContentError.self) { try HistoryWorker.serve(input: input, head: "HEAD", location: repository.path) }
    }

    @Test func onlyTheExactProtocolIsRead() {
        let line = HistoryWorker.protocolLine
        let record = String(repeating: "a", count: 40) + " 1767600000 Content/dosing file.md\u{0}"
        let answers = HistoryWorker.parse(Array((line + record + "end\u{0}").utf8))
        #expect(answers?["Content/dosing file.md"]?.date == Date(timeIntervalSince1970: 1_767_600_000))
        #expect(HistoryWorker.parse(Array((line + "end\u{0}").utf8)) == [:])
        for damaged in [record + "end\u{0}", line + record, line + record + "end", line + "zz 1 Content/x.md\u{0}end\u{0}",
                        "contentctl-history-worker 2\n" + record + "end\u{0}", line + String(repeating: "a", count: 40) + " soon Content/x.md\u{0}end\u{0}"] {
            #expect(HistoryWorker.parse(Array(damaged.utf8)) == nil, "\(damaged)")
        }
    }

    /// A library big enough to split: a worker that fails to start, or exits with an error, changes nothing.
    @Test func aWorkerThatFailsLeavesItsPathsToThisProcess() throws {
        let repository = try TestRepository.generated(modules: HistoryWorker.minimumPaths + 100, commits: 150, seed: 17)
        var results: [[String: Reason.CommitReference]] = []
        for executable in [nil, "/bin/false", "/nonexistent/contentctl"] {
            let content = try ContentRepository.open(at: repository.path)
            content.usesCache = false
            content.historyWorker = executable.map(HistoryWorker.init)
            let (head, _) = try content.requireHeadCommit()
            results.append(try content.history(of: try content.library(at: head), from: head).lastChanges)
        }
        #expect(results[0].count >= HistoryWorker.minimumPaths)
        #expect(results[1] == results[0])
        #expect(results[2] == results[0])
    }
}

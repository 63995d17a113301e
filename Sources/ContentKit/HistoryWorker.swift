import Foundation
import GitKit

/// Half of a long history walk, done by a second contentctl process (`contentctl history-worker`). Two walks in one
/// process contend on libgit2's process-wide pack locks; in two processes they run side by side, and the second core,
/// idle once the library is read, answers for half the paths.
///
/// Protocol: the paths go to the worker's standard input, each followed by a NUL byte; it prints `protocolLine`, then
/// `<commit> <seconds> <path>` and a NUL byte for each path it answered, then `end` and a NUL byte. Anything else
/// (a failed start, a crash, another version) makes the caller walk those paths itself.
public struct HistoryWorker: Sendable {
    /// The contentctl executable.
    let executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// Below this many paths a walk is short enough that starting a process costs more than it saves.
    static let minimumPaths = 1_000

    static let protocolLine = "contentctl-history-worker 1\n"

    /// The paths the worker takes: the second half of the last-change questions in path order, so each walk
    /// descends into about half the folders. Events stay with the caller. Nil when the walk is too short to split.
    static func share(of questions: [String: History.Question]) -> Set<String>? {
        let modules = questions.filter { $0.value == .lastChange }.keys.sorted()
        guard modules.count >= minimumPaths else { return nil }
        return Set(modules[(modules.count / 2)...])
    }

    /// Starts the worker on `paths` of the repository at `location`, walking from `head`; nil when it cannot start.
    func start(paths: some Sequence<String>, head: ObjectID, location: String) -> Run? {
        var bytes: [UInt8] = []
        for path in paths {
            bytes += path.utf8
            bytes.append(0)
        }
        // The paths reach the worker from a file, not a pipe: writing to a pipe whose reader has died raises SIGPIPE,
        // which would end this process too.
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("contentctl-paths-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: list) }
        guard FileManager.default.createFile(atPath: list.path, contents: Data(bytes)), let input = FileHandle(forReadingAtPath: list.path) else {
            return nil
        }
        defer { try? input.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["history-worker", "--repo", location, "--head", head.hex]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        return Run(process: process, output: output.fileHandleForReading)
    }

    /// A worker started on some paths.
    final class Run {
        private let process: Process
        private let output: FileHandle

        fileprivate init(process: Process, output: FileHandle) {
            self.process = process
            self.output = output
        }

        /// A walk that failed here leaves nobody to read the worker's answers: it is stopped rather than left running.
        deinit {
            if process.isRunning { process.terminate() }
        }

        /// The worker's answers, or nil when it failed or printed anything but the protocol.
        func answers() -> [String: Reason.CommitReference]? {
            let data = (try? output.readToEnd()) ?? Data()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            return HistoryWorker.parse([UInt8](data))
        }
    }

    static func parse(_ bytes: [UInt8]) -> [String: Reason.CommitReference]? {
        guard bytes.starts(with: protocolLine.utf8), bytes.last == 0 else { return nil }
        let records = bytes.dropFirst(protocolLine.utf8.count).dropLast().split(separator: 0, omittingEmptySubsequences: false)
        guard records.last?.elementsEqual("end".utf8) == true else { return nil }
        var answers: [String: Reason.CommitReference] = [:]
        answers.reserveCapacity(records.count - 1)
        for record in records.dropLast() {
            let fields = record.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let commit = ObjectID(hexDigits: fields[0]),
                  let seconds = Int64(String(decoding: fields[1], as: UTF8.self)),
                  let path = String(validating: fields[2], as: UTF8.self) else { return nil }
            answers[path] = Reason.CommitReference(id: commit, date: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        return answers
    }

    /// The worker's side: the last change of each path in `input` (NUL-terminated paths), walked from `head`, in the
    /// protocol's form.
    public static func serve(input: Data, head: String, location: String) throws(ContentError) -> [UInt8] {
        guard let head = ObjectID(hex: head) else { throw ContentError(.usage, "--head must be 40 hexadecimal digits") }
        var questions: [String: History.Question] = [:]
        for path in [UInt8](input).split(separator: 0) {
            guard let path = String(validating: path, as: UTF8.self) else { throw ContentError(.usage, "a path is not UTF-8") }
            questions[path] = .lastChange
        }
        let answers = try ContentError.readingGit {
            // Two thirds of the usual pack mapping: the two processes' memory together stays near one review's.
            try Libgit2.limitMappedPacks(to: 64 << 20)
            return try History(repository: try Repository.open(at: location)).answer(questions, from: head)
        }
        var bytes = Array(protocolLine.utf8)
        for (path, commit) in answers {
            bytes += "\(commit.id.hex) \(Int64(commit.date.timeIntervalSince1970)) ".utf8
            bytes += path.utf8
            bytes.append(0)
        }
        bytes += "end".utf8
        bytes.append(0)
        return bytes
    }
}

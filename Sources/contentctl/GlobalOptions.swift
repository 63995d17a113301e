import ArgumentParser
import ContentKit
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content repository (default: found from the current folder, as git does).", valueName: "path"))
    var repo: String?

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the caches under .git/contentctl/cache/ (history, parsed files, rosters, the last review's output).")
    var noCache = false

    func openRepository() throws(ContentError) -> ContentRepository {
        let repository = try ContentRepository.open(at: repo)
        repository.usesCache = !noCache
        return repository
    }

    var style: OutputStyle {
        OutputStyle.detect(isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
    }
}

/// Output formats shared by listings.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

/// Runs a command body, turning a `ContentError` into one line on stderr and its exit status.
func reporting(_ body: () throws(ContentError) -> Void) throws {
    do {
        try body()
    } catch {
        printError(error.message)
        throw ExitCode(error.status.rawValue)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("contentctl: \(message)\n".utf8))
}

/// In one write: a library can have thousands of warnings, and a write each is slow on a terminal.
func printWarnings(_ warnings: [String]) {
    guard !warnings.isEmpty else { return }
    FileHandle.standardError.write(Data(warnings.map { "warning: \($0)\n" }.joined().utf8))
}

/// Ends a successful run with `results` still alive: a far diff is hundreds of thousands of small objects, a review's
/// library and caches tens of thousands, and freeing them one by one costs time an ending process does not need.
func exitKeeping<Results>(_ results: Results) -> Never {
    withExtendedLifetime(results) { Foundation.exit(0) }
}

/// Writes text to stdout without an extra line feed.
func emit(_ text: String) {
    // From the text's own bytes: a review can be tens of megabytes, not worth copying to write.
    var text = text
    text.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
}

/// Writes bytes to stdout as they are (a JSON document written as bytes need not become a String first).
func emit(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { emit($0) }
}

private func emit(_ bytes: UnsafeRawBufferPointer) {
    do {
        try FileHandle.standardOutput.write(contentsOf: bytes)
    } catch {
        printError("cannot write to standard output: \(error.localizedDescription)")
        exit(ExitStatus.cannotWrite.rawValue)
    }
}

/// The day an `--as-of` option names, with the message every command gives for a date that is not YYYY-MM-DD.
func asOfDay(_ text: String) throws -> CalendarDate {
    try day(text, option: "--as-of")
}

/// The day a date option names, or a one-line usage error naming the option.
func day(_ text: String, option: String) throws -> CalendarDate {
    guard let day = CalendarDate(text) else {
        throw ValidationError("\(option) must be a date written YYYY-MM-DD, not '\(text)'")
    }
    return day
}

/// The review cycle a `--cycle` option names.
func reviewCycle(_ text: String) throws -> ReviewCycle {
    guard let cycle = ReviewCycle(text) else {
        throw ValidationError("--cycle must be \(ReviewCycle.expectedForm), not '\(text)'")
    }
    return cycle
}

/// Ends a command that read invalid module files: the first one's reason, and how many more there are.
func failOnInvalidModules(_ messages: [String]) throws(ContentError) {
    guard let first = messages.first else { return }
    let more = messages.count - 1
    throw ContentError(.badContent, first + (more > 0 ? " (and \(counted(more, "more invalid module file")))" : ""))
}

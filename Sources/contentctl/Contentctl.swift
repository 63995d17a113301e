import ArgumentParser
// Imported only to be linked (never called): mimalloc then serves every allocation in the process, libgit2's
// included. glibc's allocator cost a cold review of 10,000 modules about a sixth of its time, in its locks and
// consolidations under two threads that allocate and free at once (see the README's Benchmark section).
import Cmimalloc
import ContentKit
import Foundation

@main
struct Contentctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contentctl",
        abstract: "Keep sales-training material honest: quarterly review, stale-content detection and sign-off, on git.",
        discussion: """
        Exit codes: 0 ok, 1 findings, 64 usage, 65 bad content, 66 unknown module or record, \
        67 sign-off refused, 69 unsupported repository state, 73 cannot write an output file or standard output, 75 busy.
        """,
        version: "0.1.0",
        subcommands: [
            Review.self, Modules.self, Changes.self, Signoff.self, Signoffs.self, Verify.self, Metrics.self, Cycles.self, Pending.self, Check.self, Log.self, EvidenceCommand.self, RosterCommand.self, Mark.self, Updates.self, Diff.self, New.self, Init.self,
        ]
    )

    /// Parses and runs like ArgumentParser's own `main`, except that a usage error is one line on stderr
    /// (`contentctl: <what is wrong> (see --help)`) instead of a usage block.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                emit(fullMessage(for: error) + "\n")
            } else {
                let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
                printError(message + (code.rawValue == 64 ? " (see --help)" : ""))
            }
            Foundation.exit(code.rawValue)
        }
    }
}

import ArgumentParser
import ContentKit
import Foundation

/// The second process of a long history walk, started by contentctl itself (see `HistoryWorker`); hidden from help.
struct HistoryWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history-worker",
        abstract: "Answer when each path on standard input last changed (used by contentctl itself).",
        shouldDisplay: false
    )

    @Option(help: ArgumentHelp("The repository.", valueName: "path"))
    var repo: String

    @Option(help: ArgumentHelp("The commit to walk from.", valueName: "commit"))
    var head: String

    func run() throws {
        try reporting { () throws(ContentError) in
            emit(try HistoryWorker.serve(input: FileHandle.standardInput.readDataToEndOfFile(), head: head, location: repo))
        }
    }
}

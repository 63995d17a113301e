import ArgumentParser
import ContentKit
import Foundation

struct Mark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mark HEAD as a market update: an annotated tag market-update/NAME.",
        discussion: "Refused when the update exists (64), on a detached HEAD or with uncommitted content changes (69). Prints the git push command that shares it."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The update's name, e.g. 2026-Q2.", valueName: "name"))
    var name: String

    @Option(help: "The tag message (default: Market update NAME).")
    var message: String?

    func run() throws {
        try reporting { () throws(ContentError) in
            let (update, push) = try global.openRepository().markUpdate(name, message: message, environment: ProcessInfo.processInfo.environment)
            let count = counted(update.changedModules.count, "module")
            let since = update.isFirst ? "the first market update: \(count)" : "\(count) changed since the previous update"
            emit("Marked market update \(update.name) at \(update.commit.hex.prefix(7)) (\(since)).\n")
            emit("Share it with: \(push)\n")
        }
    }
}

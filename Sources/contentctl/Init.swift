import ArgumentParser
import ContentKit
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a content repository: git repository, contentctl.yml, roster and content folders.",
        discussion: "Existing files are kept as they are."
    )

    @Argument(help: ArgumentHelp("The folder to set up (default: the current folder).", valueName: "path"))
    var path: String = "."

    func run() throws {
        try reporting { () throws(ContentError) in
            let result = try Scaffold.initialize(at: path, today: CalendarDate(Date(), in: .current))
            if result.createdRepository { emit("Created a git repository in \(result.root)\n") }
            for file in result.created { emit("  created  \(file)\n") }
            for file in result.kept { emit("  kept     \(file) (already there)\n") }
            emit("Next: fill in Content/roster.yml, add modules with contentctl new ID --template TYPE, then commit.\n")
        }
    }
}

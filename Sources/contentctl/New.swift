import ArgumentParser
import ContentKit
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a module from a template.",
        discussion: "Built-in types: onboarding, compliance, product, competitive, objection-handling, coaching. A repository's own Templates/modules/TYPE.md.mustache overrides the built-in one."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The new module's id (letters, digits, '.', '_', '-').", valueName: "module-id"))
    var id: String

    @Option(help: "The module type, naming its template.")
    var template: String

    @Option(help: "The title (default: from the id).")
    var title: String?

    @Option(help: ArgumentHelp("Where to write it, from the repository root (default: CONTENT/TYPE/ID.md).", valueName: "path"))
    var path: String?

    func run() throws {
        try reporting { () throws(ContentError) in
            let repository = try global.openRepository()
            let created = try repository.newModule(id: id, type: template, title: title, path: path,
                                                   environment: ProcessInfo.processInfo.environment,
                                                   today: CalendarDate(Date(), in: .current))
            emit("Created \(created) from the \(template) template. Fill it in, set status: active, and commit it.\n")
        }
    }
}

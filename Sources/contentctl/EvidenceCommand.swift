import ArgumentParser
import ContentKit

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "The exact text of a module in force on a day, with every sign-off that covered it and its verification.",
        discussion: "The text is the module at the last first-parent commit of HEAD on or before the end of that day."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The module id or path.", valueName: "module"))
    var module: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day, YYYY-MM-DD.", valueName: "date"))
    var asOf: String

    @Option(help: "Output format: markdown or html (printable, self-contained).")
    var format: EvidenceFormat = .markdown

    enum EvidenceFormat: String, ExpressibleByArgument, CaseIterable {
        case markdown
        case html
    }

    func validate() throws {
        _ = try asOfDay(asOf)
    }

    func run() throws {
        let day = try asOfDay(asOf)
        try reporting { () throws(ContentError) in
            let evidence = try global.openRepository().evidence(module: module, asOf: day)
            switch format {
            case .markdown: emit(evidence.markdown)
            case .html: emit(evidence.html)
            }
        }
    }
}

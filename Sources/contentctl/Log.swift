import ArgumentParser
import ContentKit

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The audit trail of a module: every change of its text and every sign-off, oldest first.",
        discussion: """
        Text changes come from the branch's first-parent history (commit, author, date, the commit message as the \
        reason, words changed); records carry the Part 11 fields, the signature kind and whether they verify.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The module id or path.", valueName: "module"))
    var module: String

    @Option(help: "Output format: text, json or csv.")
    var format: TrailFormat = .text

    enum TrailFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
        case csv
    }

    func run() throws {
        try reporting { () throws(ContentError) in
            let trail = try global.openRepository().auditTrail(module: module)
            switch format {
            case .text: emit(trail.text(style: global.style))
            case .json: emit(trail.json.serialized())
            case .csv: emit(trail.csv)
            }
        }
    }
}

import ArgumentParser
import ContentKit

struct Changes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List change events with the modules and reviewers each affects.",
        discussion: "Reads the work tree. --impact previews one event file, committed or not, before anyone relies on it."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Preview the impact of this event file.", valueName: "file"))
    var impact: String?

    @Option(help: "Output format: table or json.")
    var format: ListFormat = .table

    func run() throws {
        try reporting { () throws(ContentError) in
            let impacts = try global.openRepository().listChanges(impactOf: impact)
            switch format {
            case .table: emit(ListingFormatter.table(impacts, style: global.style))
            case .json: emit(ListingFormatter.json(impacts).serialized())
            }
        }
    }
}

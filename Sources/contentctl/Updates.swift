import ArgumentParser
import ContentKit

struct Updates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List market updates, oldest first, with the modules changed since the previous one."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: table or json.")
    var format: ListFormat = .table

    func run() throws {
        try reporting { () throws(ContentError) in
            let updates = try global.openRepository().marketUpdates()
            switch format {
            case .table: emit(ListingFormatter.table(updates, style: global.style))
            case .json: emit(ListingFormatter.json(updates).serialized())
            }
        }
    }
}

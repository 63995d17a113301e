import ArgumentParser
import ContentKit

struct Modules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the modules contentctl finds, as it understood them.",
        discussion: "Reads the work tree, so new modules show before they are committed; warns once about files without front matter."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: table or json.")
    var format: ListFormat = .table

    func run() throws {
        try reporting { () throws(ContentError) in
            let listing = try global.openRepository().listModules()
            printWarnings(listing.library.warnings)
            switch format {
            case .table: emit(ListingFormatter.table(listing, style: global.style))
            case .json: emit(ListingFormatter.json(listing).serialized())
            }
            try failOnInvalidModules(listing.library.invalidModules.map(\.message))
        }
    }
}

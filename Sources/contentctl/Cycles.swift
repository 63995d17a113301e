import ArgumentParser
import ContentKit

struct Cycles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the review cycles recorded with review --cycle C --record, with completion per role and per change event.",
        discussion: "Reads <content>/.reviews/<cycle>/packet.json at HEAD, oldest cycle first. Figures are as of the day each cycle was recorded; record it again to update them."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: text or json.")
    var format: Verify.ReportFormat = .text

    func run() throws {
        try reporting { () throws(ContentError) in
            let (cycles, unreadable) = try global.openRepository().recordedCycles()
            printWarnings(unreadable)
            switch format {
            case .text: emit(cycles.isEmpty ? "No review cycle recorded yet (contentctl review --cycle 2026-Q4 --record).\n" : cycles.map(\.text).joined(separator: "\n"))
            case .json: emit(JSONValue.object([("cycles", .array(cycles.map(\.json)))]).serialized())
            }
        }
    }
}

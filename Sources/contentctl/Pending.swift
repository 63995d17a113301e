import ArgumentParser
import ContentKit
import Foundation

struct Pending: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who owes what: per reviewer, the modules waiting for their sign-off, why, and for how long.",
        discussion: """
        Lists every person on the roster with the modules that wait for a role they hold, within their products and \
        markets, longest waiting first. Send each person their own list (--reviewer), or their personal packet \
        (review --for EMAIL --format html).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case csv
        case json
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Judge dates as of the end of this day (YYYY-MM-DD; default: today, or the end of --cycle if it is over).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Only what started waiting by the end of this cycle: \(ReviewCycle.expectedForm).", valueName: "cycle"))
    var cycle: String?

    @Option(help: ArgumentHelp("Only this reviewer (their email on the roster).", valueName: "email"))
    var reviewer: String?

    @Option(help: "Output format: text, csv or json.")
    var format: Format = .text

    func validate() throws {
        if let asOf { _ = try asOfDay(asOf) }
        if let cycle { _ = try reviewCycle(cycle) }
    }

    func run() throws {
        try reporting { () throws(ContentError) in
            let repository = try global.openRepository()
            let list = try repository.pending(asOf: asOf.flatMap(CalendarDate.init), cycle: cycle.flatMap(ReviewCycle.init), reviewer: reviewer)
            switch format {
            case .text: emit(try list.render(.text, templates: repository.templates))
            case .csv: emit(try list.render(.csv, templates: repository.templates))
            case .json: emit(list.json.serialized())
            }
        }
    }
}

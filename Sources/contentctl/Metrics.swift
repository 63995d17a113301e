import ArgumentParser
import ContentKit

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Whether training keeps pace: event response times, sign-off latency, coverage, overdue modules, churn.",
        discussion: """
        Computed from the same history walk (and cache) as review. Event response runs from an event's effective date \
        to the last sign-off that cleared every module it affects; open events count as still running. Sign-off latency \
        runs from a module's last text change to each required role's first sign-off of that text.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Judge dates as of the end of this day (YYYY-MM-DD; default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Count only events taking effect and sign-offs made on or after this day.", valueName: "date"))
    var since: String?

    @Option(help: "Output format: text or json.")
    var format: Verify.ReportFormat = .text

    func validate() throws {
        if let asOf { _ = try asOfDay(asOf) }
        if let since { _ = try day(since, option: "--since") }
    }

    func run() throws {
        try reporting { () throws(ContentError) in
            let metrics = try global.openRepository().metrics(asOf: asOf.flatMap(CalendarDate.init), since: since.flatMap(CalendarDate.init))
            switch format {
            case .text: emit(metrics.text)
            case .json: emit(metrics.json.serialized())
            }
        }
    }
}

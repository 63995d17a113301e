import ArgumentParser
import ContentKit

struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review every module: a verdict for each, with the evidence behind it.",
        discussion: """
        Reads the content committed at HEAD. Verdicts: current, never-reviewed, unsigned-changes, stale, overdue, \
        expired, upcoming, changes-requested, retired, draft, invalid.
        Exits 1 with --strict when an active module is not current, and 65 when a module file is invalid.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case markdown
        case json
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Judge dates as of the end of this day (YYYY-MM-DD; default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: "Output format: table, markdown or json.")
    var format: Format = .table

    @Flag(help: "Exit 1 when any active module is not current.")
    var strict = false

    func validate() throws {
        if let asOf { _ = try asOfDay(asOf) }
    }

    func run() throws {
        try reporting { () throws(ContentError) in
            let repository = try global.openRepository()
            let progress = WalkProgress()
            repository.progress = progress
            let line = ProgressLine(progress: progress)
            let report = try repository.review(asOf: asOf.flatMap(CalendarDate.init), whenRead: { line?.finish() })
            printWarnings(report.warnings)
            switch format {
            case .table: emit(report.table(style: global.style))
            case .markdown: emit(report.markdown)
            case .json: emit(report.json.serialized())
            }
            let invalid = report.modules.flatMap { $0.reasons.filter { $0.verdict == .invalid } }
            if let first = invalid.first {
                let more = invalid.count - 1
                throw ContentError(.badContent, first.message + (more > 0 ? " (and \(more) more invalid module file\(more == 1 ? "" : "s"))" : ""))
            }
            if strict, report.modules.contains(where: \.failsStrictReview) {
                throw ContentError(.findings, "\(report.modules.filter(\.failsStrictReview).count) active module(s) are not current")
            }
        }
    }
}

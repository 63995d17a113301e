import ArgumentParser
import ContentKit
import Foundation

struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review every module: a verdict for each, with the evidence behind it.",
        discussion: """
        Reads the content committed at HEAD. Verdicts: current, never-reviewed, unsigned-changes, stale, overdue, \
        expired, upcoming, changes-requested, retired, draft, invalid.
        html, markdown and csv render the review packet from Templates/reports/ (the repository's own Templates/ \
        overrides the built-in ones). --cycle names the review cycle (default: the quarter of --as-of); with --record \
        its packet is committed under <content>/.reviews/<cycle>/. --for renders one reviewer's personal packet: only their modules, as rendered text, what changed since they last approved it first.
        Exits 1 with --strict when an active module is not current, and 65 when a module file is invalid.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case markdown
        case json
        case html
        case csv
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Judge dates as of the end of this day (YYYY-MM-DD; default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: "Output format: table, markdown, json, html or csv.")
    var format: Format = .table

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The review cycle: \(ReviewCycle.expectedForm) (default: the quarter of --as-of).", valueName: "cycle"))
    var cycle: String?

    @Flag(help: "Commit the cycle's packet (JSON and Markdown) into the repository; needs --cycle.")
    var record = false

    @Flag(help: "Add the metrics to the table or JSON output.")
    var metrics = false

    @Option(name: .customLong("for"), help: ArgumentHelp("Render the personal packet of this reviewer (their email on the roster): html or markdown.", valueName: "email"))
    var reviewer: String?

    @Flag(help: "Exit 1 when any active module is not current.")
    var strict = false

    func validate() throws {
        if let asOf { _ = try asOfDay(asOf) }
        if let cycle { _ = try reviewCycle(cycle) }
        if record, cycle == nil {
            throw ValidationError("--record needs --cycle, so the recorded cycle is named on purpose")
        }
        if reviewer != nil, format != .html, format != .markdown {
            throw ValidationError("--for renders a personal packet: use --format html or --format markdown")
        }
        if reviewer != nil, record {
            throw ValidationError("--record records the whole cycle's packet, not a personal one: leave out --for")
        }
    }

    func run() throws {
        try reporting { () throws(ContentError) in
            let repository = try global.openRepository()
            let progress = WalkProgress()
            repository.progress = progress
            let line = ProgressLine(progress: progress, cached: !global.noCache)
            let day = asOf.flatMap(CalendarDate.init)
            let chosenCycle = cycle.flatMap(ReviewCycle.init)
            let packetFormat = ReportFormat(rawValue: format.rawValue)
            let rendered: RenderedReview
            if let reviewer {
                let packet = try repository.personalPacket(for: reviewer, asOf: day, cycle: chosenCycle, whenRead: { line?.finish() })
                rendered = RenderedReview(report: packet.report, text: try packet.render(format == .html ? .html : .markdown, templates: repository.templates))
            } else if packetFormat == nil, !record, !metrics, format == .table || chosenCycle == nil {
                rendered = try repository.renderedReview(asOf: day, as: format == .table ? .table(global.style) : .json, whenRead: { line?.finish() })
            } else {
                let packet = try repository.reviewPacket(asOf: day, cycle: chosenCycle, whenRead: { line?.finish() })
                if record {
                    let recorded = try repository.recordCycle(packet, environment: ProcessInfo.processInfo.environment)
                    printError("recorded cycle \(packet.cycle.name) in \(recorded.folder) at \(recorded.commit.hex.prefix(7))")
                }
                let text = if let packetFormat {
                    try packet.render(packetFormat, templates: repository.templates)
                } else {
                    format == .table ? packet.report.table(style: global.style) + "\n" + packet.metrics.text : packet.json.serialized()
                }
                rendered = RenderedReview(report: packet.report, text: text)
            }
            try deliver(rendered.text)
            printWarnings(rendered.warnings)
            try failOnInvalidModules(rendered.invalidModules)
            if strict, rendered.notCurrent > 0 {
                throw ContentError(.findings, "\(counted(rendered.notCurrent, "active module")) \(rendered.notCurrent == 1 ? "is" : "are") not current")
            }
            repository.saveCaches()
            exitKeeping(repository)
        }
    }

    /// To the --output file (whole or not at all), or to standard output.
    private func deliver(_ text: String) throws(ContentError) {
        guard let output else {
            emit(text)
            return
        }
        try ReportFile.write(text, to: output)
    }
}

import ArgumentParser
import ContentKit

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify every sign-off record: approved text, signature, key and roster at the time; no record deleted.",
        discussion: """
        Each record must parse strictly, be filed under the name of its content, match the text it approved (at its \
        commit, or the snapshot kept beside it), carry a valid SSH signature by a key of the reviewer valid at the time \
        (when signing is required), and name a reviewer who was on the roster of the trusted branch for that role, \
        products and markets when it was made. Exits 1 naming each bad record and why.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Also report periods when text on the trusted branch was live without its required sign-offs.")
    var history = false

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func run() throws {
        var foundProblems = false
        try reporting { () throws(ContentError) in
            let report = try global.openRepository().verify(history: history)
            switch format {
            case .text: emit(report.text(style: global.style))
            case .json: emit(report.json.serialized())
            }
            foundProblems = report.hasProblems
        }
        // The report already names every problem on stdout; the exit status says there were some.
        if foundProblems { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}

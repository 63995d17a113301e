import ArgumentParser
import ContentKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "CI gate: fail when a module changed since BASE lacks a required sign-off or a record does not verify.",
        discussion: """
        Configuration, roster and each module's signoff_roles and status are read from BASE (e.g. origin/main), so a \
        pull request cannot lower its own bar. Checks the modules changed in merge-base(BASE, HEAD)..HEAD. Needs full \
        history (in GitHub Actions: actions/checkout with fetch-depth: 0). Exits 1 when there are problems.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The branch the change will merge into, e.g. origin/main.")
    var base: String

    @Option(help: "Output format: text or github (workflow annotations).")
    var format: CheckFormat = .text

    enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case github
    }

    func run() throws {
        var foundProblems = false
        try reporting { () throws(ContentError) in
            let report = try global.openRepository().check(base: base)
            switch format {
            case .text: emit(report.text(style: global.style))
            case .github: emit(report.github)
            }
            foundProblems = !report.problems.isEmpty
        }
        // The report already names every problem on stdout; the exit status says there were some.
        if foundProblems { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}

import ArgumentParser
import ContentKit
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed in the training content between two points, word by word.",
        discussion: """
        FROM and TO are market-update names, tags, branches, commits, or dates written @YYYY-MM-DD (the last \
        first-parent commit of HEAD on or before the end of that day). TO defaults to HEAD; --worktree compares \
        FROM with the files on disk. FROM after TO shows the change backwards and says so. \
        --since-signoff MODULE compares the text last approved with the current text.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case markdown
        case json
        case html
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("FROM and optionally TO.", valueName: "revision"))
    var revisions: [String] = []

    @Option(name: .customLong("module"), help: ArgumentHelp("Only this module (id or path); repeatable.", valueName: "id"))
    var modules: [String] = []

    @Option(help: "Output format: text, markdown, json or html.")
    var format: Format = .text

    @Flag(help: "Diff words inside changed paragraphs (the default).")
    var word = false

    @Flag(help: "Diff whole lines instead of words.")
    var line = false

    @Flag(help: "Only the words added and removed per module, with totals per product and market (text format; JSON always has them under \"stat\").")
    var stat = false

    @Flag(help: "Compare FROM with the work tree, uncommitted files included.")
    var worktree = false

    @Option(help: ArgumentHelp("Compare the text last signed off for this module with its current text.", valueName: "module"))
    var sinceSignoff: String?

    @Option(help: "With --since-signoff: the sign-off of this role.")
    var role: String?

    @Option(help: ArgumentHelp("With --since-signoff: the sign-off of this reviewer.", valueName: "email"))
    var reviewer: String?

    func validate() throws {
        if word && line { throw ValidationError("--word and --line cannot be combined") }
        if sinceSignoff != nil {
            if !revisions.isEmpty || worktree || !modules.isEmpty {
                throw ValidationError("--since-signoff takes no revisions, --module or --worktree")
            }
            if role != nil && reviewer != nil { throw ValidationError("give --role or --reviewer, not both") }
        } else {
            if revisions.isEmpty || revisions.count > 2 { throw ValidationError("give FROM and optionally TO (or --since-signoff MODULE)") }
            if role != nil || reviewer != nil { throw ValidationError("--role and --reviewer go with --since-signoff") }
        }
    }

    func run() throws {
        try reporting { () throws(ContentError) in
            let repository = try global.openRepository()
            let granularity: ContentDiff.Granularity = line ? .line : .word
            let diff: ContentDiff
            if let sinceSignoff {
                diff = try repository.diffSinceSignoff(sinceSignoff, role: role, reviewer: reviewer, granularity: granularity)
            } else {
                diff = try repository.diff(DiffRequest(from: revisions[0], to: revisions.count > 1 ? revisions[1] : nil,
                                                       worktree: worktree, modules: modules, granularity: granularity,
                                                       modulesOnly: stat && format == .text))
            }
            switch format {
            case .text: emit(stat ? diff.statText(style: global.style) : diff.text(style: global.style))
            case .markdown: emit(diff.markdown)
            case .json: diff.json.write(to: emit)
            case .html: emit(diff.html)
            }
            repository.saveCaches()
            exitKeeping((repository, diff))
        }
    }
}

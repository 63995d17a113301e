import ArgumentParser
import ContentKit

@main
struct Contentctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contentctl",
        abstract: "Keep sales-training material honest: quarterly review, stale-content detection and sign-off, on git.",
        discussion: """
        Exit codes: 0 ok, 1 findings, 64 usage, 65 bad content, 66 unknown module or record, \
        67 sign-off refused, 69 unsupported repository state, 75 busy.
        """,
        subcommands: [
            Review.self, Modules.self, Changes.self, Signoff.self, Signoffs.self, New.self, Init.self,
        ]
    )
}

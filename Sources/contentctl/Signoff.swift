import ArgumentParser
import ContentKit
import Foundation

struct Signoff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a sign-off, or revoke one.",
        subcommands: [Sign.self, Revoke.self],
        defaultSubcommand: Sign.self
    )
}

extension Signoff {
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign off modules in a role, bound to their current text.",
            discussion: """
            The signer is your git identity and must be on the roster for the role. On a terminal, contentctl shows \
            what changed since you last signed (or the whole text) and asks you to confirm; --yes skips the question. \
            The records are committed on the current branch; push to share them. Refusals exit 67.
            """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Module ids or file paths.", valueName: "module"))
        var modules: [String]

        @Option(help: "The role you sign for, e.g. sales or product.")
        var role: String

        @Option(help: "reviewed, approved or changes-requested (which needs --comment).")
        var meaning: Meaning = .approved

        @Option(help: "A comment stored in the record.")
        var comment: String = ""

        @Flag(help: "Do not ask for confirmation.")
        var yes = false

        enum Meaning: String, ExpressibleByArgument, CaseIterable {
            case reviewed
            case approved
            case changesRequested = "changes-requested"
        }

        func validate() throws {
            if meaning == .changesRequested, comment.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--meaning changes-requested needs --comment saying what to change")
            }
        }

        func run() throws {
            try reporting { () throws(ContentError) in
                let repository = try global.openRepository()
                let request = SignoffRequest(modules: modules, role: role, meaning: SignoffMeaning(rawValue: meaning.rawValue) ?? .approved,
                                             comment: comment, environment: ProcessInfo.processInfo.environment)
                let plan = try repository.planSignoff(request)
                try confirm(plan, question: "Sign off \(counted(plan.items.count, "module")) as \(role) (\(meaning.rawValue))?", yes: yes, style: global.style)
                let signed = try repository.sign(plan, environment: ProcessInfo.processInfo.environment)
                let commit = try repository.commit(signed)
                report(signed, commit: commit.hex)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw one of your own sign-off records; the record stays in the ledger, marked revoked."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The record id (or a unique prefix of at least 4 digits).", valueName: "record"))
        var record: String

        @Option(help: "Why the record is withdrawn.")
        var reason: String

        @Flag(help: "Do not ask for confirmation.")
        var yes = false

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--reason must say why the record is withdrawn")
            }
        }

        func run() throws {
            try reporting { () throws(ContentError) in
                let repository = try global.openRepository()
                let plan = try repository.planRevocation(of: record, reason: reason, environment: ProcessInfo.processInfo.environment)
                try confirm(plan, question: "Revoke this record?", yes: yes, style: global.style)
                let signed = try repository.sign(plan, environment: ProcessInfo.processInfo.environment)
                let commit = try repository.commit(signed)
                report(signed, commit: commit.hex)
            }
        }
    }
}

/// Shows what is about to be attested and asks; without a terminal the caller must have said --yes.
private func confirm(_ plan: SignoffPlan, question: String, yes: Bool, style: OutputStyle) throws(ContentError) {
    guard !yes else { return }
    guard isatty(STDIN_FILENO) == 1 else {
        throw ContentError(.usage, "confirmation needed: run this on a terminal to review the text, or pass --yes")
    }
    for item in plan.items { emit(render(item, style: style) + "\n") }
    emit("\(question) [y/N] ")
    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
    guard answer == "y" || answer == "yes" else {
        throw ContentError(.refused, "not confirmed; nothing was recorded")
    }
}

/// What the signer reads before confirming one record.
private func render(_ item: SignoffPlan.Item, style: OutputStyle) -> String {
    let record = item.record
    switch item.preview {
    case .wholeText(let text):
        return style.paint("\(record.module): your first sign-off; the whole text follows", .bold) + "\n\n" + text
    case .unchanged(let since):
        return "\(record.module): unchanged since you signed it on \(Timestamp.format(since.time)) (\(since.shortID))"
    case .changes(let diff):
        return diff.text(style: style)
    case .unretrievable(let since, let text):
        return style.paint("\(record.module): the text you signed on \(Timestamp.format(since.time)) is not retrievable; the whole text follows", .bold) + "\n\n" + text
    case .revocation(let target):
        return "revokes \(target.meaning.rawValue) of \(target.module) as \(target.role), made \(Timestamp.format(target.time)) (\(target.shortID))"
    }
}

private func report(_ plan: SignoffPlan, commit: String) {
    let kind = plan.isSigned ? "signed" : "unsigned (attestation)"
    emit("Recorded \(counted(plan.items.count, "\(kind) record")) on \(plan.branchName) in commit \(commit.prefix(7)):\n")
    for item in plan.items {
        let record = item.record
        emit("  \(record.shortID)  \(record.module)  \(record.role)  \(record.meaning.rawValue)  \(record.fingerprint.short)\n")
    }
    emit("Share with: git push\n")
}

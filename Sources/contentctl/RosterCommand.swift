import ArgumentParser
import ContentKit

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Export the roster for tools other than contentctl.",
        subcommands: [AllowedSignersCommand.self]
    )
}

extension RosterCommand {
    struct AllowedSignersCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allowed-signers",
            abstract: "Print an OpenSSH allowed_signers file with every reviewer key and its validity window.",
            discussion: """
            Check a record without contentctl: ssh-keygen -Y verify -f allowed_signers -I EMAIL -n contentctl-signoff \
            -O verify-time=RECORD-TIME -s record.sig < record.payload (see contentctl signoffs show --payload and --signature).
            """
        )

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting { () throws(ContentError) in
                emit(try global.openRepository().allowedSigners())
            }
        }
    }
}

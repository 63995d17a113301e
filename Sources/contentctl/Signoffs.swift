import ArgumentParser
import ContentKit

struct Signoffs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and show sign-off records.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )
}

extension Signoffs {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the committed sign-off records, oldest first.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Only this module's records.", valueName: "module"))
        var module: String?

        @Option(help: "Output format: table or json.")
        var format: ListFormat = .table

        func run() throws {
            try reporting { () throws(ContentError) in
                let records = try global.openRepository().listSignoffs(module: module)
                switch format {
                case .table: emit(ListingFormatter.table(records, style: global.style))
                case .json: emit(ListingFormatter.json(records).serialized())
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one sign-off record with every field.",
            discussion: """
            To check a signature without contentctl: contentctl signoffs show ID --payload > payload; \
            contentctl signoffs show ID --signature > payload.sig; contentctl roster allowed-signers > allowed_signers; \
            ssh-keygen -Y verify -f allowed_signers -I EMAIL -n contentctl-signoff -O verify-time=TIME -s payload.sig < payload \
            (TIME: the record's time as YYYYMMDDhhmmssZ, so a key retired since still counts for what it signed then)
            """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The record id or a unique prefix of at least 4 digits.", valueName: "record"))
        var record: String

        @Option(help: "Output format: table or json.")
        var format: ListFormat = .table

        @Flag(help: "Print only the exact signed bytes (the payload), e.g. for ssh-keygen -Y verify.")
        var payload = false

        @Flag(help: "Print only the armored SSH signature.")
        var signature = false

        func validate() throws {
            if payload && signature { throw ValidationError("--payload and --signature print different things; choose one") }
        }

        func run() throws {
            try reporting { () throws(ContentError) in
                let found = try global.openRepository().signoffRecord(record)
                if payload { return emit(found.record.payload) }
                if signature {
                    guard let armor = found.record.signature else {
                        throw ContentError(.findings, "\(found.record.shortID) is an unsigned attestation: it has no signature")
                    }
                    return emit(armor)
                }
                switch format {
                case .table: emit(ListingFormatter.detail(found.record, standing: found.standing))
                case .json: emit(ListingFormatter.json(found.record, standing: found.standing).serialized())
                }
            }
        }
    }
}

import Foundation
import GitKit

/// What `contentctl verify` found: each record's verification, ledger files that are not records, deleted records.
public struct VerificationReport: Sendable {
    public static let schemaVersion = 1

    public let head: ObjectID
    /// The branch whose roster history judged the records.
    public let trustedRosterSource: String
    public let signing: ContentConfig.SigningPolicy
    public let verifications: [RecordVerification]
    /// Files in the ledger that are not valid records, or revocations that withdraw nothing they may.
    public let ledgerProblems: [String]
    public let deletedRecords: [DeletedRecord]
    /// With `--history`: when text on the trusted branch was live without its required sign-offs.
    public let unsignedPeriods: [UnsignedPeriod]?

    public var failed: [RecordVerification] { verifications.filter { !$0.isVerified } }

    public var hasProblems: Bool {
        !failed.isEmpty || !ledgerProblems.isEmpty || !deletedRecords.isEmpty || !(unsignedPeriods ?? []).isEmpty
    }

    /// One line per problem, then a summary line.
    public func text(style: OutputStyle) -> String {
        var output = ""
        for verification in failed {
            for problem in verification.problems {
                output += style.paint("FAIL", .red) + " \(verification.file): \(problem)\n"
            }
        }
        for problem in ledgerProblems {
            output += style.paint("FAIL", .red) + " \(problem)\n"
        }
        for deleted in deletedRecords {
            output += style.paint("FAIL", .red) + " \(deleted.path): committed record was deleted (still in \(deleted.lastSeenIn.hex.prefix(7))); records are append-only\n"
        }
        for period in unsignedPeriods ?? [] {
            output += style.paint("UNSIGNED", .yellow) + " \(period.path): \(Self.describe(period, branch: trustedRosterSource))\n"
        }
        let signed = verifications.filter { $0.record.signature != nil }.count
        output += "\(counted(verifications.count, "record")) (\(signed) signed, "
            + "\(counted(verifications.count - signed, "attestation"))): "
            + "\(verifications.count - failed.count) verified, \(failed.count) failed; "
            + "roster trusted from \(trustedRosterSource); signing \(signing.rawValue)\n"
        if !ledgerProblems.isEmpty || !deletedRecords.isEmpty {
            output += "\(counted(ledgerProblems.count, "unreadable ledger file")), "
                + "\(counted(deletedRecords.count, "deleted record"))\n"
        }
        if let periods = unsignedPeriods {
            output += "\(counted(periods.count, "period")) of live text without its required sign-offs on \(trustedRosterSource)\n"
        }
        return output
    }

    static func describe(_ period: UnsignedPeriod, branch: String) -> String {
        let start = "text \(period.fingerprint.short) live on \(branch) from \(Timestamp.format(period.from)) (\(period.commit.hex.prefix(7)))"
        let roles = period.missingRoles.joined(separator: " and ")
        switch period.ending {
        case .signed(let date): return start + " until \(Timestamp.format(date)) without \(roles) sign-off"
        case .replaced(let date): return start + " until it was replaced at \(Timestamp.format(date)), never signed by \(roles)"
        case .ongoing: return start + " and still without \(roles) sign-off"
        }
    }

    public var json: JSONValue {
        .object([
            ("schemaVersion", .number(Self.schemaVersion)),
            ("head", .string(head.hex)),
            ("trustedRoster", .string(trustedRosterSource)),
            ("signing", .string(signing.rawValue)),
            ("records", .array(verifications.map { verification in
                .object([
                    ("id", .string(verification.record.id)),
                    ("file", .string(verification.file)),
                    ("module", .string(verification.record.module)),
                    ("role", .string(verification.record.role)),
                    ("meaning", .string(verification.record.meaning.rawValue)),
                    ("reviewer", .string(verification.record.reviewerEmail)),
                    ("time", .string(Timestamp.format(verification.record.time))),
                    ("signed", .bool(verification.record.signature != nil)),
                    ("verified", .bool(verification.isVerified)),
                    ("problems", .strings(verification.problems)),
                ])
            })),
            ("ledgerProblems", .strings(ledgerProblems)),
            ("deletedRecords", .array(deletedRecords.map {
                .object([("path", .string($0.path)), ("lastSeenIn", .string($0.lastSeenIn.hex))])
            })),
            ("unsignedPeriods", unsignedPeriods.map { periods in .array(periods.map { period in
                .object([
                    ("module", .string(period.module)), ("path", .string(period.path)),
                    ("fingerprint", .string(period.fingerprint.value)), ("commit", .string(period.commit.hex)),
                    ("from", .string(Timestamp.format(period.from))), ("until", .optional(period.ending.date.map(Timestamp.format))),
                    ("endedBy", .string(period.ending.name)), ("missingRoles", .strings(period.missingRoles)),
                ])
            }) } ?? .null),
            ("ok", .bool(!hasProblems)),
        ])
    }
}

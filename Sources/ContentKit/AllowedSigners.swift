import Foundation
import GitKit

/// An OpenSSH allowed_signers file for record signatures, so anyone can check a record with
/// `ssh-keygen -Y verify -n contentctl-signoff` and no contentctl.
public enum AllowedSigners {
    /// One line per reviewer key that was ever on the trusted roster, limited to the record namespace and to the
    /// key's and the person's validity windows (`valid-before` is exclusive: the day after `valid_until`), in UTC.
    static func lines(rosters: [Roster], zone: TimeZone) -> [String] {
        var lines: [String] = []
        var seen: Set<String> = []
        for roster in rosters {
            for (_, people) in roster.roles {
                for person in people {
                    for key in person.keys {
                        let line = line(email: person.email, key: key, person: person, zone: zone)
                        if seen.insert(line).inserted { lines.append(line) }
                    }
                }
            }
        }
        return lines
    }

    static func line(email: String, key: RosterKey, person: Reviewer, zone: TimeZone) -> String {
        var options = ["namespaces=\"\(SignoffRecord.signatureNamespace)\""]
        let from = [person.validFrom, key.validFrom].compactMap { $0 }.max()
        let until = [person.validUntil, key.validUntil].compactMap { $0 }.min()
        if let from { options.append("valid-after=\"\(utc(from.start(in: zone)))\"") }
        if let until { options.append("valid-before=\"\(utc(until.end(in: zone)))\"") }
        return email + " " + options.joined(separator: ",") + " " + key.key.line
    }

    /// `YYYYMMDDHHMMSSZ`, the UTC form ssh-keygen accepts.
    private static func utc(_ instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.string(from: instant) + "Z"
    }
}

extension ContentRepository {
    /// The allowed_signers file for every key on the trusted roster's history (or HEAD's, without the trusted branch).
    public func allowedSigners() throws(ContentError) -> String {
        let head = try requireHeadCommit()
        let library = try library(at: head.commit)
        let rosters = try TrustedRosters.load(repository: repository, config: library.config, fallback: head.commit, cached: usesCache)
        let lines = AllowedSigners.lines(rosters: rosters.versions.compactMap(\.roster), zone: library.config.timeZone)
        let header = "# allowed_signers for contentctl sign-off records, from the roster on \(rosters.source)\n"
        return header + lines.map { $0 + "\n" }.joined()
    }
}

import Foundation
import GitKit

/// The sign-off records under `<content>/.signoffs/<module-id>/`, one file per record, plus the snapshots
/// of approved text under `<module-id>/snapshots/<fingerprint>/` that keep it retrievable.
public struct Ledger: Sendable {
    public static let folderName = ".signoffs"
    static let snapshotsFolder = "snapshots"

    /// Records that parsed and sit where their id and module say they should, oldest first.
    public let records: [SignoffRecord]
    /// Files in the ledger that are not valid records, as `file: reason`; they count as absent.
    public let problems: [String]
    /// Records by module id, oldest first: a review asks once per module.
    private let byModule: [String: [SignoffRecord]]
    /// The ids of records withdrawn by a revocation.
    public let revokedIDs: Set<String>

    init(records: [SignoffRecord], problems: [String]) {
        self.records = records
        self.problems = problems
        byModule = Dictionary(grouping: records, by: \.module)
        revokedIDs = Set(records.compactMap(\.revokes))
    }

    public static func folder(contentFolder: String) -> String {
        contentFolder + "/" + folderName
    }

    /// Where a record of `module` is stored.
    public static func recordPath(contentFolder: String, record: SignoffRecord) -> String {
        folder(contentFolder: contentFolder) + "/" + record.module + "/" + record.fileName
    }

    /// Where the approved module file at `fingerprint` is kept, so it stays retrievable after a rebase or squash.
    static func snapshotPath(contentFolder: String, module: String, fingerprint: Fingerprint) -> String {
        folder(contentFolder: contentFolder) + "/" + module + "/" + snapshotsFolder + "/" + fingerprint.hex + ".md"
    }

    /// Beside a snapshot, the blob id and path of each asset it shipped with, one per line.
    static func assetManifestPath(snapshot: String) -> String {
        String(snapshot.dropLast(3)) + ".assets"
    }

    /// The files below the ledger folder but its snapshots: the records, and anything misfiled there.
    static func files(in source: ContentSource, contentFolder: String) throws(ContentError) -> [(path: String, blob: ObjectID)] {
        try source.files(under: folder(contentFolder: contentFolder)) { $0.hasSuffix("/" + snapshotsFolder) }
    }

    /// The records among `files` (as `files(in:contentFolder:)` lists them), with what is wrong with the others.
    static func load(_ files: [(path: String, blob: ObjectID)], from source: ContentSource, contentFolder: String,
                     cache: ParseCache? = nil) throws(ContentError) -> Ledger {
        let root = folder(contentFolder: contentFolder)
        var records: [SignoffRecord] = []
        var problems: [String] = []
        for file in files {
            let relative = file.path.dropFirst(root.count + 1).split(separator: "/")
            guard relative.count == 2, relative[1].hasSuffix(SignoffRecord.fileExtension) else {
                problems.append("\(file.path): not a sign-off record (records are \(root)/MODULE/ID\(SignoffRecord.fileExtension))")
                continue
            }
            do {
                let record: SignoffRecord
                if let cached = cache?.record(path: file.path, blob: file.blob) {
                    record = cached
                } else {
                    guard let bytes = try source.read(file.path) else { continue }
                    record = try SignoffRecord.parse(try TextFile.decode(bytes, file: file.path, limit: 64 * 1024), file: file.path)
                    cache?.store(record, path: file.path, blob: file.blob)
                }
                guard record.fileName == relative[1] else {
                    problems.append("\(file.path): file name does not match the record's content (expected \(record.fileName))")
                    continue
                }
                guard record.module == relative[0] else {
                    problems.append("\(file.path): record is for module '\(record.module)' but filed under '\(relative[0])'")
                    continue
                }
                records.append(record)
            } catch {
                problems.append(error.message)
            }
        }
        return Ledger(records: records.sorted { ($0.time, $0.id) < ($1.time, $1.id) }, problems: problems)
            .droppingUnauthorisedRevocations()
    }

    /// A revocation only counts when it withdraws a record of the same reviewer on the same module.
    private func droppingUnauthorisedRevocations() -> Ledger {
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var kept: [SignoffRecord] = []
        var problems = self.problems
        for record in records {
            if record.meaning == .revoked {
                guard let target = record.revokes.flatMap({ byID[$0] }) else {
                    problems.append("\(record.shortID): revokes a record that is not in the ledger")
                    continue
                }
                guard target.module == record.module, target.reviewerID == record.reviewerID, target.meaning != .revoked else {
                    problems.append("\(record.shortID): revokes \(target.shortID), which is not this reviewer's record on this module")
                    continue
                }
            }
            kept.append(record)
        }
        return Ledger(records: kept, problems: problems)
    }

    public func records(for module: String) -> [SignoffRecord] {
        byModule[module] ?? []
    }

    /// A module's records that still stand: not revocations and not revoked, oldest first.
    public func standingRecords(for module: String) -> [SignoffRecord] {
        let revoked = revokedIDs
        return records(for: module).filter { $0.meaning != .revoked && !revoked.contains($0.id) }
    }

    /// The record whose id starts with `prefix` (at least 4 digits); nil when none, an error when several.
    public func record(idPrefix prefix: String) throws(ContentError) -> SignoffRecord? {
        let lowered = prefix.lowercased()
        guard lowered.count >= 4, lowered.allSatisfy(\.isHexDigit) else {
            throw ContentError(.usage, "record id '\(prefix)' must be at least 4 hexadecimal digits")
        }
        let matches = records.filter { $0.id.hasPrefix(lowered) }
        guard matches.count <= 1 else {
            throw ContentError(.usage, "record id '\(prefix)' is ambiguous: \(matches.map(\.shortID).joined(separator: ", "))")
        }
        return matches.first
    }
}

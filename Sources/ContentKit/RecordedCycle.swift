import Foundation
import GitKit

/// A review cycle's packet as recorded in the repository by `review --cycle C --record`: its scope and outcome
/// on the day it was recorded, read back for `cycles` and for figures over time.
public struct RecordedCycle: Sendable {
    public struct EventProgress: Sendable {
        public let id: String
        public let required: Int
        public let gathered: Int
        public let isOpen: Bool
        public let days: Int?
    }

    public let cycle: ReviewCycle
    public let asOf: CalendarDate
    public let path: String
    public let modules: Int
    public let verdicts: [(verdict: String, count: Int)]
    public let roles: [CycleCompletion.RoleProgress]
    public let events: [EventProgress]
    /// Median sign-off latency per role in days, as measured when the cycle was recorded.
    public let latency: [(role: String, medianDays: Double?)]

    /// Where a cycle's packet lives: `<content>/.reviews/<cycle>/`.
    public static func folder(contentFolder: String, cycle: String) -> String {
        contentFolder + "/" + folderName + "/" + cycle
    }

    static let folderName = ".reviews"
    static let jsonName = "packet.json"
    static let markdownName = "packet.md"

    /// Reads a recorded packet; nil when it is not one this version understands.
    static func parse(_ data: Data, path: String) -> RecordedCycle? {
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              top["kind"] as? String == ReviewPacket.kind,
              let cycleFields = top["cycle"] as? [String: Any], let name = cycleFields["name"] as? String, let cycle = ReviewCycle(name),
              let asOfText = top["asOf"] as? String, let asOf = CalendarDate(asOfText),
              let summary = top["summary"] as? [String: Any], let completion = top["completion"] as? [String: Any]
        else { return nil }
        let verdicts = (summary["verdicts"] as? [String: Int] ?? [:])
        let roles = (completion["roles"] as? [[String: Any]] ?? []).compactMap { role -> CycleCompletion.RoleProgress? in
            guard let name = role["role"] as? String, let required = role["required"] as? Int, let gathered = role["gathered"] as? Int else { return nil }
            return CycleCompletion.RoleProgress(role: name, required: required, gathered: gathered, medianDays: role["medianDays"] as? Double)
        }
        let events = (completion["events"] as? [[String: Any]] ?? []).compactMap { event -> EventProgress? in
            guard let id = event["id"] as? String, let required = event["required"] as? Int, let gathered = event["gathered"] as? Int else { return nil }
            return EventProgress(id: id, required: required, gathered: gathered, isOpen: event["open"] as? Bool ?? true, days: event["days"] as? Int)
        }
        let latency = ((top["metrics"] as? [String: Any])?["signoffLatency"] as? [[String: Any]] ?? []).compactMap { entry -> (String, Double?)? in
            guard let role = entry["role"] as? String else { return nil }
            return (role, entry["medianDays"] as? Double)
        }
        return RecordedCycle(cycle: cycle, asOf: asOf, path: path, modules: summary["modules"] as? Int ?? 0,
                             verdicts: Verdict.allCases.compactMap { verdict in verdicts[verdict.rawValue].map { (verdict.rawValue, $0) } },
                             roles: roles, events: events, latency: latency)
    }
}

extension ContentRepository {
    /// Every cycle recorded in `tree`, oldest period first, and the packet files this version cannot read.
    func recordedCycles(in tree: Tree, contentFolder: String) throws(ContentError) -> (cycles: [RecordedCycle], unreadable: [String]) {
        let folder = contentFolder + "/" + RecordedCycle.folderName
        return try ContentError.readingGit {
            var cycles: [RecordedCycle] = []
            var unreadable: [String] = []
            guard let folderEntry = try repository.entry(atPath: folder, in: tree), folderEntry.isTree else { return ([], []) }
            for entry in try repository.tree(folderEntry.id).entries where entry.isTree {
                let path = folder + "/" + entry.name + "/" + RecordedCycle.jsonName
                guard let file = try repository.entry(atPath: path, in: tree) else {
                    unreadable.append("\(folder)/\(entry.name): no \(RecordedCycle.jsonName)")
                    continue
                }
                guard let cycle = RecordedCycle.parse(Data(try repository.blob(file.id)), path: path) else {
                    unreadable.append("\(path): not a review packet this version of contentctl reads")
                    continue
                }
                cycles.append(cycle)
            }
            return (cycles.sorted { ($0.cycle.start, $0.cycle.end) < ($1.cycle.start, $1.cycle.end) }, unreadable)
        }
    }

    /// The cycles recorded at HEAD, and the packet files this version cannot read.
    public func recordedCycles() throws(ContentError) -> (cycles: [RecordedCycle], unreadable: [String]) {
        let head = try requireHeadCommit()
        let config = try configuration(at: head.commit)
        return try ContentError.readingGit { try recordedCycles(in: try repository.tree(head.commit.tree), contentFolder: config.contentFolder) }
    }
}

import Foundation
import GitKit

/// What `contentctl modules` shows.
public struct ModuleListing: Sendable {
    public let library: ContentLibrary
    /// By module path; empty before the first commit.
    public let lastChanges: [String: Reason.CommitReference]
}

/// A change event with what it touches.
public struct EventImpact: Sendable {
    public let event: ChangeEvent
    /// When the event was committed; nil for a file not yet committed.
    public let recorded: Date?
    /// The ids of the active and draft modules in its scope, in id order.
    public let moduleIDs: [String]
    /// People on the roster who would have to sign those modules again, with their role.
    public let reviewers: [(role: String, reviewer: Reviewer)]
}

extension ContentRepository {
    /// The library an author sees: the work tree when there is one (so uncommitted modules and events show),
    /// otherwise HEAD; with HEAD's history for dates when there is a HEAD.
    func authorView() throws(ContentError) -> (library: ContentLibrary, head: Commit?) {
        if repository.workingDirectory != nil {
            let head = repository.isShallow ? nil : try? requireHeadCommit()
            return (try workTreeLibrary(), head?.commit)
        }
        let head = try requireHeadCommit()
        return (try library(at: head.commit), head.commit)
    }

    public func listModules() throws(ContentError) -> ModuleListing {
        let (library, head) = try authorView()
        let changes = try head.map { (head) throws(ContentError) in try history(of: library, from: head).lastChanges } ?? [:]
        return ModuleListing(library: library, lastChanges: changes)
    }

    /// Every event with the modules and reviewers it affects; with `impactOf`, only that (possibly uncommitted) event file.
    public func listChanges(impactOf file: String? = nil, now: Date = Date()) throws(ContentError) -> [EventImpact] {
        let (library, head) = try authorView()
        var recorded: [String: Date] = [:]
        if let head { recorded = try history(of: library, from: head).eventsRecorded }
        var events = library.events
        // A previewed file that is the library's own event file was recorded when that file was first committed.
        var previewRecorded: Date?
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ContentError(.unknown, "\(file): no such event file")
            }
            let event = try ChangeEvent.parse([UInt8](data), path: file, config: library.config)
            events = [event]
            if library.events.first(where: { $0.id == event.id && !Self.samePath($0.path, file, root: repository.workingDirectory) }) != nil {
                throw ContentError(.badContent, "\(file): event id '\(event.id)' is already used by another event")
            }
            previewRecorded = recorded[event.id]
        }
        // By index, in id order, each scope built once: hundreds of events over ten thousand modules, where copying a
        // module per match cost seconds.
        let modules = library.modules
        let candidates = modules.indices.filter { modules[$0].status != .retired }.sorted { modules[$0].id < modules[$1].id }
        let scopes = modules.map(\.scope)
        let zone = library.config.timeZone
        return events.map { event in
            let affected = candidates.filter { event.affects(scopes[$0]) }
            var reviewers: [(role: String, reviewer: Reviewer)] = []
            var listed: Set<[String]> = []
            for index in affected {
                for role in modules[index].signoffRoles {
                    for person in library.roster?.people(in: role) ?? [] where person.covers(modules[index]) && person.isValid(at: now, in: zone) {
                        if listed.insert([role, person.email]).inserted { reviewers.append((role, person)) }
                    }
                }
            }
            return EventImpact(event: event, recorded: file == nil ? recorded[event.id] : previewRecorded,
                               moduleIDs: affected.map { modules[$0].id },
                               reviewers: reviewers.sorted { ($0.role, $0.reviewer.name) < ($1.role, $1.reviewer.name) })
        }
    }

    private static func samePath(_ repositoryPath: String, _ file: String, root: String?) -> Bool {
        guard let root else { return false }
        return URL(fileURLWithPath: root + repositoryPath).standardizedFileURL.path == URL(fileURLWithPath: file).standardizedFileURL.path
    }

    /// The committed ledger, with whether each record still stands; `module` limits it to one module id.
    public func listSignoffs(module: String? = nil) throws(ContentError) -> [(record: SignoffRecord, standing: Bool)] {
        let head = try requireHeadCommit()
        let library = try library(at: head.commit)
        let revoked = library.ledger.revokedIDs
        var records = library.ledger.records
        if let module {
            guard library.module(id: module) != nil || records.contains(where: { $0.module == module }) else {
                throw ContentError(.unknown, "unknown module '\(module)' (contentctl modules lists them)")
            }
            records = records.filter { $0.module == module }
        }
        return records.map { ($0, $0.meaning != .revoked && !revoked.contains($0.id)) }
    }

    /// One committed record, by id or unique id prefix.
    public func signoffRecord(_ id: String) throws(ContentError) -> (record: SignoffRecord, standing: Bool) {
        let head = try requireHeadCommit()
        let ledger = try library(at: head.commit).ledger
        guard let record = try ledger.record(idPrefix: id) else {
            throw ContentError(.unknown, "no sign-off record \(id) (contentctl signoffs list shows them)")
        }
        return (record, record.meaning != .revoked && !ledger.revokedIDs.contains(record.id))
    }
}

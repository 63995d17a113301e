import Foundation
import GitKit

/// A named point in history when the material was brought in line with the market: an annotated tag
/// `market-update/NAME`.
public struct MarketUpdate: Sendable {
    public static let tagPrefix = "market-update/"

    public let name: String
    public let commit: ObjectID
    /// When the update was marked (the tagger's time; the commit time for a lightweight tag).
    public let date: Date
    public let tagger: String?
    public let message: String
    /// Modules added, removed or with changed reviewable content since the previous update (all modules for the first).
    public let changedModules: [String]
    /// True for the oldest update, whose `changedModules` are all the modules it had.
    public let isFirst: Bool

    public var tagName: String { Self.tagPrefix + name }
}

extension ContentRepository {
    /// Marks HEAD as market update `name`. Refused when the tag exists, HEAD is detached, or content is uncommitted.
    public func markUpdate(_ name: String, message: String?, environment: [String: String]) throws(ContentError) -> (update: MarketUpdate, pushCommand: String) {
        let tagName = MarketUpdate.tagPrefix + name
        guard !name.isEmpty, Repository.isValidReferenceName("refs/tags/" + tagName) else {
            throw ContentError(.usage, "'\(name)' cannot name a market update (use letters, digits, '-', '.', e.g. 2026-Q2)")
        }
        let (base, branch) = try requireWritableBranch()
        let library = try library(at: base)
        let existing: TagInfo?
        let dirty: [(path: String, status: FileStatus)]
        do {
            existing = try repository.tag(named: tagName)
            dirty = try repository.uncommittedPaths(under: library.config.contentFolder)
        } catch {
            throw ContentError(error)
        }
        if let existing {
            throw ContentError(.usage, "market update \(name) already exists (\(tagName) at \(existing.commit.hex.prefix(7))); choose another name")
        }
        if !dirty.isEmpty {
            let paths = dirty.prefix(3).map(\.path).joined(separator: ", ") + (dirty.count > 3 ? ", ..." : "")
            throw ContentError(.unsupportedRepository, "uncommitted content changes (\(paths)): commit them before marking a market update")
        }
        let identity = try Identity.resolve(environment: environment, repository: repository)
        let now = try Timestamp.now(environment: environment)
        do {
            try repository.createAnnotatedTag(tagName, target: base.id, tagger: Signature(name: identity.name, email: identity.email, time: now),
                                              message: (message ?? "Market update \(name)") + "\n")
        } catch {
            throw error.code == .exists ? ContentError(.usage, "market update \(name) already exists") : ContentError(error)
        }
        let updates = try marketUpdates()
        guard let update = updates.first(where: { $0.name == name }) else {
            throw ContentError(.unsupportedRepository, "market update \(name) was created but cannot be read back")
        }
        let remote = (try? repository.configString("branch.\(Self.shortBranch(branch)).remote")) ?? nil
        return (update, "git push \(remote ?? "origin") refs/tags/\(tagName)")
    }

    /// Every market update, oldest first, with the modules changed since the one before.
    public func marketUpdates() throws(ContentError) -> [MarketUpdate] {
        let tags: [TagInfo]
        do {
            tags = try repository.tags(matching: MarketUpdate.tagPrefix + "*")
        } catch {
            throw ContentError(error)
        }
        var dated: [(tag: TagInfo, date: Date)] = []
        for tag in tags {
            let date: Date
            if let tagger = tag.tagger {
                date = tagger.time
            } else {
                do { date = try repository.commit(tag.commit).time } catch { throw ContentError(error) }
            }
            dated.append((tag, date))
        }
        dated.sort { ($0.date, $0.tag.name) < ($1.date, $1.tag.name) }
        var previous: [String: Fingerprint] = [:]
        var updates: [MarketUpdate] = []
        for (tag, date) in dated {
            let commit: Commit
            do { commit = try repository.commit(tag.commit) } catch { throw ContentError(error) }
            let fingerprints = Dictionary((try library(at: commit)).modules.map { ($0.id, $0.fingerprint) }, uniquingKeysWith: { first, _ in first })
            let changed = Set(fingerprints.keys).union(previous.keys).filter { fingerprints[$0] != previous[$0] }.sorted()
            updates.append(MarketUpdate(
                name: String(tag.name.dropFirst(MarketUpdate.tagPrefix.count)), commit: tag.commit, date: date,
                tagger: tag.tagger.map { "\($0.name) <\($0.email)>" },
                message: tag.message.trimmingCharacters(in: .whitespacesAndNewlines), changedModules: changed,
                isFirst: updates.isEmpty))
            previous = fingerprints
        }
        return updates
    }
}

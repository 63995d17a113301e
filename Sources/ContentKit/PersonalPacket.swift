import Foundation
import GitKit
import Ink

/// One reviewer's own packet: only the modules waiting for them, as rendered text, split into what changed since
/// they last approved it (read) and what did not change but an event asks them to confirm.
public struct PersonalPacket: Sendable {
    public struct Item: Sendable {
        public let module: ModuleReview
        /// Their roles the module waits for, and why.
        public let roles: [String]
        public let reasons: [Reason]
        public let since: CalendarDate?
        /// Their own latest standing approval of this module, if any.
        public let lastApproval: SignoffRecord?
        /// From the text of `lastApproval` to the current text.
        public let diff: ReviewPacket.ModuleDiff?
        /// The current body rendered from Markdown, front matter left out.
        public let textHTML: String
        public let words: Int

        /// At about 200 words a minute, never less than one.
        public var readingMinutes: Int { max(1, (words + 199) / 200) }
    }

    public let person: PendingList.Person
    public let report: ReviewReport
    public let cycle: ReviewCycle
    /// The library's time zone, for the days shown.
    public let timeZone: TimeZone
    /// Changed since they last approved it, or never approved by them.
    public let read: [Item]
    /// Unchanged since their approval, but an event or the calendar asks them to confirm it.
    public let confirm: [Item]
}

extension ContentRepository {
    public func personalPacket(for email: String, asOf: CalendarDate? = nil, cycle chosen: ReviewCycle? = nil, now: Date = Date(),
                               whenRead: () -> Void = {}) throws(ContentError) -> PersonalPacket {
        let session = try reviewSession(asOf: asOf, now: now, whenRead: whenRead)
        let library = session.library
        let cycle = chosen ?? ReviewCycle(quarterOf: session.report.asOf)
        guard let person = try PendingList.compute(session, cycle: chosen, reviewer: email).people.first else {
            throw ContentError(.unknown, "\(email) holds no role on the roster on \(session.report.asOf)")
        }
        let tree: Tree
        do { tree = try repository.tree(session.head.tree) } catch { throw ContentError(error) }
        let modules = Dictionary(library.modules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let reviews = session.reviewsByPath
        var read: [PersonalPacket.Item] = [], confirm: [PersonalPacket.Item] = []
        var seen = Set<String>()
        for pending in person.items where seen.insert(pending.module).inserted {
            guard let module = modules[pending.module], let review = reviews[module.path] else { continue }
            let roles = person.items.filter { $0.module == module.id }.map(\.role)
            let approval = library.ledger.standingRecords(for: module.id).last {
                $0.meaning.satisfiesRole && $0.reviewerEmail.caseInsensitiveCompare(person.email) == .orderedSame
            }
            let current: String
            do { current = String(decoding: try repository.blob(module.blob), as: UTF8.self) } catch { throw ContentError(error) }
            // Only the body is shown: its front matter need not be read as YAML.
            let body = (try? FrontMatter.split(current, file: module.path))?.body ?? current
            let changed = approval.map { $0.fingerprint != module.fingerprint } ?? true
            var diff: ReviewPacket.ModuleDiff?
            if let approval, changed {
                diff = try moduleDiff(module, since: approval, in: session, tree: tree)
            }
            let item = PersonalPacket.Item(
                module: review, roles: roles,
                reasons: review.reasons.filter { !Set($0.owedBy).isDisjoint(with: roles) },
                since: pending.since, lastApproval: approval,
                diff: diff,
                textHTML: PersonalPacket.render(markdown: body), words: TextDiff.wordCount(body))
            if changed { read.append(item) } else { confirm.append(item) }
        }
        return PersonalPacket(person: person, report: session.report, cycle: cycle, timeZone: library.config.timeZone, read: read, confirm: confirm)
    }
}

extension PersonalPacket {
    /// Markdown to HTML. Raw HTML in a module is shown as text, so the packet never carries markup or scripts from content.
    static func render(markdown: String) -> String {
        let escaped = markdown.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return MarkdownParser().html(from: escaped)
    }
}

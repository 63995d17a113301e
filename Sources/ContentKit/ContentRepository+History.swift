import Foundation
import GitKit

extension ContentRepository {
    /// For each module file, the commit that last changed it; for each event, when it was recorded. One walk.
    /// Only files `head` holds are asked about: one not committed yet has no history, and asking would walk all of it.
    func history(of library: ContentLibrary, from head: Commit) throws(ContentError) -> (lastChanges: [String: Reason.CommitReference], eventsRecorded: [String: Date]) {
        var questions: [String: History.Question] = [:]
        for module in library.modules { questions[module.path] = .lastChange }
        for module in library.invalidModules { questions[module.path] = .lastChange }
        for event in library.events { questions[event.path] = .introduction }
        let committed = try ContentError.readingGit { try TreeSource(repository: repository, root: head.tree, name: "HEAD") }
        for path in questions.keys where try committed.blob(at: path) == nil { questions[path] = nil }
        var nothing = WalkedCommits(path: nil)
        return Self.split(try Self.answer(questions, from: head.id, in: repository, cached: usesCache, progress: progress, noting: &nothing),
                          questions: questions, events: library.events)
    }

    /// The same as `history(of:from:)`, walked on a second core while this thread reads the library: the questions
    /// come from the listing of `head`'s content folder, which needs no parsing and is read on that core too.
    /// `noting`: a path whose entry to note for every commit visited (see `WalkedCommits`).
    func historyInBackground(at head: Commit, noting path: String) -> PendingHistory {
        PendingHistory(location: repository.location, head: head, cached: usesCache, progress: progress, noting: path)
    }

    /// A question for each module and event file listed in `head`'s content folder.
    fileprivate static func questions(at head: Commit, in repository: Repository) throws(ContentError) -> [String: History.Question] {
        try ContentError.readingGit {
            let source = try TreeSource(repository: repository, root: head.tree, name: "HEAD")
            let files = try ContentLibrary.files(in: source, config: try ContentLibrary.configuration(in: source))
            return Dictionary(uniqueKeysWithValues: files.modules.map { ($0.path, History.Question.lastChange) }
                + files.events.map { ($0.path, History.Question.introduction) })
        }
    }

    /// Answers the questions, taking what an earlier walk found from the cache and keeping this walk's answers there.
    fileprivate static func answer(_ questions: [String: History.Question], from head: ObjectID, in repository: Repository,
                                   cached: Bool, progress: WalkProgress?, noting walked: inout WalkedCommits) throws(ContentError) -> [String: Reason.CommitReference] {
        do {
            let known = cached ? HistoryCache.load(from: repository) : nil
            let answers = try History(repository: repository, progress: progress).answer(questions, from: head, known: known, noting: &walked)
            if cached, known?.head != head || known?.answers.count != answers.count {
                HistoryCache(head: head, answers: answers.reduce(into: [:]) { cache, answer in
                    cache[answer.key] = (questions[answer.key] ?? .lastChange, answer.value)
                }).save(to: repository)
            }
            return answers
        } catch {
            throw ContentError(error)
        }
    }

    /// Module answers by path, and each event's recording time by event id.
    static func split(_ answers: [String: Reason.CommitReference], questions: [String: History.Question], events: [ChangeEvent]) -> (lastChanges: [String: Reason.CommitReference], eventsRecorded: [String: Date]) {
        var recorded: [String: Date] = [:]
        for event in events {
            if let commit = answers[event.path] { recorded[event.id] = commit.date }
        }
        return (answers.filter { questions[$0.key] == .lastChange }, recorded)
    }
}

/// A history walk running on its own thread with its own repository handle.
final class PendingHistory: Sendable {
    private let walk: RepositoryThread<(questions: [String: History.Question], answers: [String: Reason.CommitReference], walked: WalkedCommits)>

    init(location: String, head: Commit, cached: Bool, progress: WalkProgress?, noting path: String) {
        walk = RepositoryThread(location: location) { repository in
            let questions = try ContentRepository.questions(at: head, in: repository)
            var walked = WalkedCommits(path: path)
            let answers = try ContentRepository.answer(questions, from: head.id, in: repository, cached: cached, progress: progress, noting: &walked)
            return (questions, answers, walked)
        }
    }

    /// Waits for the walk; module answers by path, each event's recording time by event id, and what the walk noted.
    func wait(events: [ChangeEvent]) throws(ContentError) -> (lastChanges: [String: Reason.CommitReference], eventsRecorded: [String: Date], walked: WalkedCommits) {
        let (questions, answers, walked) = try walk.wait()
        let (lastChanges, eventsRecorded) = ContentRepository.split(answers, questions: questions, events: events)
        return (lastChanges, eventsRecorded, walked)
    }
}

import Crypto
import Foundation
import GitKit

/// The last plain review's output, kept under `.git/contentctl/cache/` and printed again without reading the library or
/// walking history while nothing it was made from has changed. HEAD's commit fixes the library, its history and its
/// configuration; what else a review depends on is kept beside the output and checked on every run: the contentctl
/// build, HEAD's branch, the trusted branch's tip (the rosters records are judged by), the day in the library's time
/// zone, the output form, and which approved commits exist (a pruned commit fails its records; a fetched one brings
/// them back). Any difference, or a file that is unreadable, of another format or whose output does not match its
/// digest, means the review is made afresh.
struct ReviewOutputCache {
    static let formatLine = "contentctl-review-output 1"

    /// What the output was made from, and what the command reports besides it.
    struct Entry: Codable, Equatable {
        var build: String
        var rendering: String
        var head: String
        var branch: String?
        var trustBranch: String
        var trustBranchTip: String?
        var day: String
        var timeZone: String
        /// Commits named by sign-off records, split by whether the object database held them.
        var presentCommits: [String]
        var absentCommits: [String]
        var warnings: [String]
        var invalidModules: [String]
        var notCurrent: Int
        var outputDigest: String
    }

    static func path(in repository: Repository) -> String {
        CacheFile.path("review", in: repository)
    }

    /// The executable's path, size and modification time: a rebuilt contentctl may print a review differently.
    /// Nil when the executable cannot be found, and then nothing is cached.
    static let build: String? = {
        guard let path = Bundle.main.executablePath,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date else { return nil }
        return "\(path) \(size) \(modified.timeIntervalSince1970)"
    }()

    /// The cached review of `head` rendered as `rendering`, if everything it was made from still holds.
    static func review(of head: (commit: Commit, branch: String?), asOf: CalendarDate?, now: Date, rendering: ReviewRendering,
                       in repository: Repository) -> RenderedReview? {
        guard let build, let data = try? Data(contentsOf: URL(fileURLWithPath: path(in: repository)), options: .alwaysMapped),
              let (entry, output) = parse(data), let objects = try? repository.objectDatabase() else { return nil }
        guard entry.build == build, entry.rendering == rendering.name, entry.head == head.commit.id.hex, entry.branch == head.branch,
              let zone = TimeZone(identifier: entry.timeZone), (asOf ?? CalendarDate(now, in: zone)).description == entry.day,
              (try? repository.referenceTarget("refs/heads/" + entry.trustBranch))??.hex == entry.trustBranchTip,
              commits(entry.presentCommits, existIn: objects, as: true), commits(entry.absentCommits, existIn: objects, as: false),
              SHA256.hash(data: output).hexadecimal == entry.outputDigest else { return nil }
        return RenderedReview(text: String(decoding: output, as: UTF8.self), warnings: entry.warnings,
                              invalidModules: entry.invalidModules, notCurrent: entry.notCurrent)
    }

    /// Keeps `rendered`, the review of `session`, for the next run; a failure (a read-only clone) only costs speed.
    /// Which approved commits exist is read here (libgit2 stays on this thread); the output, megabytes for a large
    /// library, is hashed and written on another thread while the review is printed.
    static func save(_ rendered: RenderedReview, of session: ReviewSession, rendering: ReviewRendering, in repository: Repository) -> BackgroundWrite? {
        guard let build, let database = try? repository.objectDatabase() else { return nil }
        var present: [String] = []
        var absent: [String] = []
        for commit in Set(session.approvedCommits).sorted(by: { $0.hex < $1.hex }) {
            guard let exists = try? database.containsCommit(commit) else { return nil }
            if exists { present.append(commit.hex) } else { absent.append(commit.hex) }
        }
        let entry = Entry(build: build, rendering: rendering.name, head: session.head.id.hex, branch: session.report.branch,
                          trustBranch: session.library.config.trustBranch, trustBranchTip: session.trustedBranchTip?.hex,
                          day: session.report.asOf.description, timeZone: session.library.config.timeZoneName,
                          presentCommits: present, absentCommits: absent, warnings: rendered.warnings,
                          invalidModules: rendered.invalidModules, notCurrent: rendered.notCurrent, outputDigest: "")
        let text = rendered.text
        let file = path(in: repository)
        return BackgroundWrite {
            // The output is hashed and written from the text's own bytes: copying ten megabytes and more costs memory.
            _ = text.utf8.withContiguousStorageIfAvailable { utf8 in
                let output = UnsafeRawBufferPointer(utf8)
                var hashed = entry
                hashed.outputDigest = SHA256.hash(data: output).hexadecimal
                guard let header = try? JSONEncoder().encode(hashed) else { return }
                let top = Data((formatLine + "\n").utf8) + header + Data("\n".utf8)
                top.withUnsafeBytes { top in try? WholeFile.write([top, output], to: file, durably: false) }
            }
        }
    }

    /// The entry and the output after it; nil for a file of another format or a malformed entry.
    private static func parse(_ data: Data) -> (Entry, Data)? {
        let newline = UInt8(ascii: "\n")
        guard let formatEnd = data.firstIndex(of: newline), data[data.startIndex..<formatEnd].elementsEqual(formatLine.utf8),
              let entryEnd = data[(formatEnd + 1)...].firstIndex(of: newline),
              let entry = try? JSONDecoder().decode(Entry.self, from: data[(formatEnd + 1)..<entryEnd]) else { return nil }
        return (entry, data[(entryEnd + 1)...])
    }

    /// Whether each of `commits` is (`as` true) or is not (false) a commit in the object database.
    private static func commits(_ commits: [String], existIn objects: ObjectDatabase, as expected: Bool) -> Bool {
        commits.allSatisfy { hex in
            guard let id = ObjectID(hex: hex), let exists = try? objects.containsCommit(id) else { return false }
            return exists == expected
        }
    }
}

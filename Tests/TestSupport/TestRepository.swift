import Foundation

/// A real git repository in a temporary folder, built with the `git` command at fixed dates,
/// so tests exercise contentctl against what git itself wrote. Removed when released.
public final class TestRepository {
    public let root: URL
    /// The moment of the next commit; each commit advances it by an hour unless a date is given.
    public var clock: Date
    public var authorName = "Maya Lindqvist"
    public var authorEmail = "maya.lindqvist@helixora.example"

    public var path: String { root.path }

    public init(branch: String = "main", start: String = "2026-01-05T09:00:00Z") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("contentctl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        clock = TestRepository.date(start)
        try git("init", "-q", "-b", branch)
    }

    /// Wraps a repository another test repository created (e.g. a clone inside it); it is not removed on release.
    public init(wrapping path: String, start: String = "2026-01-05T09:00:00Z") throws {
        root = URL(fileURLWithPath: path)
        clock = TestRepository.date(start)
        ownsFolder = false
    }

    private var ownsFolder = true

    deinit {
        if ownsFolder { try? FileManager.default.removeItem(at: root) }
    }

    public static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { fatalError("bad test date \(text)") }
        return date
    }

    /// The environment every git and contentctl call in a test gets: no user or system config, fixed identities.
    public func environment(date: Date? = nil, committer: (name: String, email: String)? = nil) -> [String: String] {
        let when = "@\(Int((date ?? clock).timeIntervalSince1970)) +0000"
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["HOME"] = root.path + "/.home"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = authorName
        environment["GIT_AUTHOR_EMAIL"] = authorEmail
        environment["GIT_COMMITTER_NAME"] = committer?.name ?? authorName
        environment["GIT_COMMITTER_EMAIL"] = committer?.email ?? authorEmail
        environment["GIT_AUTHOR_DATE"] = when
        environment["GIT_COMMITTER_DATE"] = when
        environment["NO_COLOR"] = "1"
        return environment
    }

    @discardableResult
    public func git(_ arguments: String..., date: Date? = nil) throws -> String {
        try git(arguments, date: date)
    }

    @discardableResult
    public func git(_ arguments: [String], date: Date? = nil) throws -> String {
        let result = try Command.run("/usr/bin/git", arguments, in: root.path, environment: environment(date: date))
        guard result.status == 0 else {
            throw TestFailure("git \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }

    public func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    public func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// Stages everything and commits at the clock (or `date`), then advances the clock by an hour.
    @discardableResult
    public func commit(_ message: String, date: Date? = nil) throws -> String {
        try git("add", "-A")
        let when = date ?? clock
        try git(["commit", "-q", "--allow-empty", "-m", message], date: when)
        clock = max(clock, when).addingTimeInterval(3600)
        return try head()
    }

    public func head() throws -> String {
        try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The smallest roster a review accepts: one person for each default role.
    public static let minimalRoster = "roles:\n  sales:\n    - name: Dan\n      email: dan@example.com\n  product:\n    - name: Priya\n      email: priya@example.com\n"

    /// The sample module that is broken on purpose, so the quick start shows the `invalid` verdict.
    public static let deliberatelyInvalidSampleModule = "Content/compliance/sunshine-act-reporting.md"

    /// Copies the project's sample library into this repository, without its sign-off records
    /// (they belong to the project's own history) and, unless asked, without its deliberately broken module.
    public func copySampleLibrary(keepingInvalidModule: Bool = false) throws {
        let destination = root.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: ProjectFolder.url.appendingPathComponent("Content"), to: destination)
        try? FileManager.default.removeItem(at: destination.appendingPathComponent(".signoffs"))
        if !keepingInvalidModule {
            try FileManager.default.removeItem(at: root.appendingPathComponent(Self.deliberatelyInvalidSampleModule))
        }
    }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The project's own folder, found from this file's location.
public enum ProjectFolder {
    public static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

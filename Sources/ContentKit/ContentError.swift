import GitKit

/// The exit statuses contentctl promises (see the README); each failure carries one.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    case findings = 1
    case usage = 64
    case badContent = 65
    case unknown = 66
    case refused = 67
    case unsupportedRepository = 69
    /// An output file could not be written.
    case cannotWrite = 73
    case busy = 75
}

/// A failure to report as one line on stderr with its exit status.
public struct ContentError: Error, Equatable, Sendable, CustomStringConvertible {
    public let status: ExitStatus
    public let message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }

    static func badContent(_ file: String, line: Int? = nil, _ reason: String) -> ContentError {
        ContentError(.badContent, location(file, line) + reason)
    }

    static func location(_ file: String, _ line: Int?) -> String {
        if let line { return "\(file):\(line): " }
        return "\(file): "
    }
}

extension ContentError {
    /// Runs `body`, which reads git and the library: domain errors pass through, git errors are reported as
    /// contentctl reports them, and anything else (file system, Foundation) as `otherwise` says.
    static func readingGit<T>(otherwise: (any Error) -> ContentError = { ContentError(.unsupportedRepository, "\($0)") },
                              _ body: () throws -> T) throws(ContentError) -> T {
        do {
            return try body()
        } catch let error as ContentError {
            throw error
        } catch let error as GitError {
            throw ContentError(error)
        } catch {
            throw otherwise(error)
        }
    }
}

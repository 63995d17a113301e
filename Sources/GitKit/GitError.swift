internal import Clibgit2

/// A failure reported by libgit2, with the error class and message it gave at the time.
public struct GitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The libgit2 return codes callers act on; everything else is `.failed`.
    public enum Code: Sendable, Equatable {
        case notFound
        case exists
        case ambiguous
        case locked
        case modified
        case unbornBranch
        case bareRepository
        case uncommitted
        case conflict
        case invalid
        case failed(Int32)
    }

    public let code: Code
    public let message: String
    /// What contentctl was doing when libgit2 failed, e.g. "open repository".
    public let operation: String

    public init(code: Code, message: String, operation: String) {
        self.code = code
        self.message = message
        self.operation = operation
    }

    public var description: String {
        message.isEmpty ? "\(operation) failed" : "\(operation): \(message)"
    }
}

extension GitError.Code {
    init(_ result: Int32) {
        switch result {
        case GIT_ENOTFOUND.rawValue: self = .notFound
        case GIT_EEXISTS.rawValue: self = .exists
        case GIT_EAMBIGUOUS.rawValue: self = .ambiguous
        case GIT_ELOCKED.rawValue: self = .locked
        case GIT_EMODIFIED.rawValue: self = .modified
        case GIT_EUNBORNBRANCH.rawValue: self = .unbornBranch
        case GIT_EBAREREPO.rawValue: self = .bareRepository
        case GIT_EUNCOMMITTED.rawValue: self = .uncommitted
        case GIT_ECONFLICT.rawValue: self = .conflict
        case GIT_EINVALID.rawValue, GIT_EINVALIDSPEC.rawValue: self = .invalid
        default: self = .failed(result)
        }
    }
}

/// Throws a `GitError` when a libgit2 call returned a negative code.
/// The message is read at once, on this thread, because libgit2 keeps it thread-local and may overwrite it.
@discardableResult
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Int32 {
    guard result < 0 else { return result }
    var message = ""
    if let last = git_error_last(), let text = last.pointee.message {
        message = String(cString: text).trimmingTrailingNewlines()
    }
    throw GitError(code: GitError.Code(result), message: message, operation: operation())
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

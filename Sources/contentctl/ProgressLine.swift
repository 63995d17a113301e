import ContentKit
import Foundation

/// A progress line on stderr, only on a terminal and only once a run has taken more than a second, cleared when
/// the run ends: a first review of a long history takes a while and should not look hung.
final class ProgressLine: @unchecked Sendable {
    private let progress: WalkProgress
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var shown = false
    /// What the line promises about the next run.
    private let note: String

    /// Nil when stderr is not a terminal.
    init?(progress: WalkProgress, cached: Bool) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.progress = progress
        note = cached ? " (later runs use the cache)" : ""
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 0.5)
        timer.setEventHandler { [weak self] in self?.show() }
        timer.resume()
    }

    private func show() {
        lock.withLock {
            shown = true
            FileHandle.standardError.write(Data("\rcontentctl: reading history, \(progress.commits) commits so far\(note)\u{1B}[K".utf8))
        }
    }

    /// Stops and erases the line before the command's own output.
    func finish() {
        timer.cancel()
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}

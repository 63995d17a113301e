import Foundation

/// contentctl's own lock around the read-modify-write of a sign-off (index re-read, staging, branch move).
///
/// It is an `flock` on `<git dir>/contentctl/writer.lock`: the kernel releases it when the holder exits or is
/// killed, so a crashed contentctl never blocks the next one, and a live holder is never broken. libgit2's own
/// `index.lock` and `<ref>.lock` cannot serve: they are taken only around single writes and are left behind by
/// a killed process. The lock also records which of those git locks the holder is about to take, so the next
/// holder can remove one that a killed contentctl left behind (and only that one).
final class WriterLock {
    private let descriptor: Int32
    let path: String
    private let intentPath: String

    private init(descriptor: Int32, path: String, intentPath: String) {
        self.descriptor = descriptor
        self.path = path
        self.intentPath = intentPath
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Waits (with jitter) up to `timeout` seconds for the lock; a live holder past that is reported, exit 75.
    static func acquire(gitDirectory: String, timeout: TimeInterval) throws(ContentError) -> WriterLock {
        let folder = (gitDirectory.hasSuffix("/") ? gitDirectory : gitDirectory + "/") + "contentctl"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/writer.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ContentError(.unsupportedRepository, "\(path): cannot open the sign-off lock (\(String(cString: strerror(errno))))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                close(descriptor)
                throw ContentError(.busy, "\(path) is held by another contentctl\(holder.isEmpty ? "" : " (pid \(holder))"); try again when it has finished")
            }
            Jitter.pause()
        }
        let pid = Data("\(getpid())\n".utf8)
        ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, pid.count, 0) }
        return WriterLock(descriptor: descriptor, path: path, intentPath: folder + "/git-lock-intent")
    }

    /// Notes that this process is about to take the git lock file `lockPath` (e.g. `.git/index.lock`).
    func intend(_ lockPath: String) {
        try? Data("\(Int(Date().timeIntervalSince1970))\t\(lockPath)\n".utf8).write(to: URL(fileURLWithPath: intentPath))
    }

    func clearIntent() {
        try? FileManager.default.removeItem(atPath: intentPath)
    }

    /// Holding the lock means any previous holder has exited; if it left an intent, it died between noting a
    /// git lock and finishing. Its git lock file, if still there and created around that moment, is removed.
    /// A git lock file from any other time belongs to someone else and is left for the caller to report.
    func recoverAfterCrashedHolder() {
        guard let text = try? String(contentsOfFile: intentPath, encoding: .utf8) else { return }
        let fields = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t", maxSplits: 1)
        if fields.count == 2, let noted = TimeInterval(fields[0]) {
            let lockPath = String(fields[1])
            if let attributes = try? FileManager.default.attributesOfItem(atPath: lockPath),
               let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970,
               modified >= noted - 1, modified <= noted + 10 {
                try? FileManager.default.removeItem(atPath: lockPath)
            }
        }
        clearIntent()
    }
}

/// Short random pauses between retries, so writers that collide do not collide again in step.
enum Jitter {
    static func pause() {
        usleep(useconds_t(UInt32.random(in: 5_000...40_000)))
    }
}

import Foundation

/// Replaces a file whole: a temporary file beside it, then a rename, so a reader sees the old file or the new one,
/// never half of one. `durably` also flushes the file and its folder to disk before returning, so the write
/// survives a crash (records); caches and reports skip that cost.
enum WholeFile {
    static func write(_ data: Data, to path: String, durably: Bool) throws {
        try data.withUnsafeBytes { bytes in try write([bytes], to: path, durably: durably) }
    }

    /// The file made of `parts` in order, written without joining them first (a report can be tens of megabytes).
    static func write(_ parts: [UnsafeRawBufferPointer], to path: String, durably: Bool) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var result: Int32 = 0
        writing: for buffer in parts {
            var written = 0
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress?.advanced(by: written), buffer.count - written)
                if count < 0 {
                    result = errno
                    break writing
                }
                written += count
            }
        }
        if result == 0, durably, fsync(descriptor) != 0 { result = errno }
        close(descriptor)
        guard result == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw POSIXError(POSIXErrorCode(rawValue: result == 0 ? errno : result) ?? .EIO)
        }
        guard durably else { return }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }
}

import Foundation

/// Writes a report file whole, or not at all.
public enum ReportFile {
    public static func write(_ text: String, to path: String) throws(ContentError) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let folder = (absolute as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ContentError(.usage, "\(path): folder \((path as NSString).deletingLastPathComponent) does not exist")
        }
        do {
            // A device or pipe (/dev/stdout, a fifo) is written through; replacing it by rename would destroy it.
            if let type = try? FileManager.default.attributesOfItem(atPath: absolute)[.type] as? FileAttributeType, type != .typeRegular {
                guard let handle = FileHandle(forWritingAtPath: absolute) else { throw POSIXError(.EACCES) }
                try handle.write(contentsOf: Data(text.utf8))
                try handle.close()
                return
            }
            try WholeFile.write(Data(text.utf8), to: absolute, durably: false)
        } catch {
            throw ContentError(.cannotWrite, "\(path): cannot write: \(error.localizedDescription)")
        }
    }
}

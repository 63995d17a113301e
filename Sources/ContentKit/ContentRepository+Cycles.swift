import Foundation
import GitKit

extension ReviewPacket {
    /// The packet through its template (the repository's `Templates/reports/review.<ext>.mustache`, else the built-in one).
    public func render(_ format: ReportFormat, templates: TemplateLibrary) throws(ContentError) -> String {
        try templates.renderReport("review", format: format, context: context(format))
    }
}

extension ContentRepository {
    /// Report templates: the built-in ones, overridden by the work tree's own `Templates/`.
    public var templates: TemplateLibrary { TemplateLibrary(repositoryRoot: repository.workingDirectory) }

    /// Commits the packet of a cycle (`packet.json` and `packet.md` under `<content>/.reviews/<cycle>/`), so the cycle's
    /// scope and outcome are themselves in the audited history. Recording the same cycle again replaces its packet.
    public func recordCycle(_ packet: ReviewPacket, environment: [String: String]) throws(ContentError) -> (commit: ObjectID, folder: String) {
        let (base, branch) = try requireWritableBranch()
        guard base.id == packet.report.head else {
            throw ContentError(.busy, "HEAD moved while the packet was prepared; run the review again")
        }
        let author = try Identity.resolve(environment: environment, repository: repository)
        let now = try Timestamp.now(environment: environment)
        let folder = RecordedCycle.folder(contentFolder: packet.report.contentFolder, cycle: packet.cycle.name)
        let json = Data(packet.json.serialized().utf8)
        let markdown = Data(try packet.render(.markdown, templates: templates).utf8)
        let completion = packet.completion
        let message = """
        review: record cycle \(packet.cycle.name) as of \(packet.report.asOf)

        \(completion.gathered) of \(completion.required) required sign-offs gathered; \
        \(packet.report.modules.filter(\.failsStrictReview).count) active modules not current.
        """
        let write = BranchWrite(
            branch: branch, base: base, author: Signature(name: author.name, email: author.email, time: now),
            message: message + "\n", reflog: "contentctl: record cycle \(packet.cycle.name)", what: "the cycle packet",
            files: { _ in
                [(folder + "/" + RecordedCycle.jsonName, try self.repository.writeBlob(json)),
                 (folder + "/" + RecordedCycle.markdownName, try self.repository.writeBlob(markdown))]
            },
            requireStillValid: { tip in
                throw ContentError(.busy, "\(Self.shortBranch(branch)) moved to \(tip.id.hex.prefix(7)) while the packet was recorded; nothing was recorded, run the review again")
            })
        return (try commit(write), folder)
    }
}

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
            try AtomicFile.write(Data(text.utf8), to: absolute)
        } catch {
            throw ContentError(.cannotWrite, "\(path): cannot write: \(error.localizedDescription)")
        }
    }
}

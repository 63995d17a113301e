import Foundation
import GitKit

extension ContentRepository {
    /// Module and report templates: the built-in ones, overridden by the work tree's own `Templates/`.
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

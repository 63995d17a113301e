import Foundation
import GitKit

extension ContentRepository {
    /// The module exactly as a record approved it, parsed again so its fingerprint and scope can be checked:
    /// from the record's commit while that commit exists, otherwise from the snapshot kept beside the record
    /// (its assets from the snapshot's manifest). Nil when neither is there.
    func approvedModule(of record: SignoffRecord, config: ContentConfig, headTree: TreeLookup) throws(ContentError) -> (module: Module?, source: String, problem: String?)? {
        do {
            if let commit = try? repository.commit(record.commit) {
                let tree = try TreeLookup(repository: repository, commit: commit)
                guard let entry = try tree.entry(atPath: record.path) else {
                    return (nil, "commit \(record.commit.hex.prefix(7))", "\(record.path) does not exist at commit \(record.commit.hex.prefix(7))")
                }
                let parser = ModuleParser(config: config) { (path) throws(ContentError) in try self.blob(at: path, in: tree) }
                return parse(parser, record: record, blob: entry.id, source: "commit \(record.commit.hex.prefix(7))")
            }
            let snapshot = Ledger.snapshotPath(contentFolder: config.contentFolder, module: record.module, fingerprint: record.fingerprint)
            guard let entry = try headTree.entry(atPath: snapshot) else { return nil }
            var manifest: [String: ObjectID] = [:]
            if let list = try headTree.entry(atPath: Ledger.assetManifestPath(snapshot: snapshot)) {
                for line in String(decoding: try repository.blob(list.id), as: UTF8.self).split(separator: "\n") {
                    let parts = line.split(separator: " ", maxSplits: 1)
                    if parts.count == 2, let blob = ObjectID(hex: String(parts[0])) { manifest[String(parts[1])] = blob }
                }
            }
            let parser = ModuleParser(config: config) { (path) throws(ContentError) in manifest[path] }
            return parse(parser, record: record, blob: entry.id, source: "snapshot")
        } catch {
            throw ContentError(error)
        }
    }

    /// The blob at `path` in `tree`, with errors as the domain reports them.
    func blob(at path: String, in tree: TreeLookup) throws(ContentError) -> ObjectID? {
        do {
            return try tree.entry(atPath: path)?.id
        } catch {
            throw ContentError(error)
        }
    }

    /// The approved text parsed as a module at the record's path; the parse cache serves it (and keeps it) like any
    /// module at that path with that blob, so each record's approved text is parsed once, not on every run.
    private func parse(_ parser: ModuleParser, record: SignoffRecord, blob: ObjectID, source: String) -> (module: Module?, source: String, problem: String?) {
        let cache = parseCache.flatMap { $0.serves(parser.config) ? $0 : nil }
        if let cached = cache?.module(path: record.path, blob: blob, assetBlob: parser.blobAtPath) { return (cached, source, nil) }
        do {
            let data = [UInt8](try repository.blob(blob))
            let module = try parser.parse(path: record.path, blob: blob, data: data)
            cache?.store(module)
            return (module, source, nil)
        } catch let error as ContentError {
            return (nil, source, "the approved text (\(source)) cannot be read: \(error.message)")
        } catch {
            return (nil, source, "the approved text (\(source)) cannot be read: \(error)")
        }
    }
}

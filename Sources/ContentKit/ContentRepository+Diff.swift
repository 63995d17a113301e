import Foundation
import GitKit

/// What `contentctl diff` was asked to compare.
public struct DiffRequest: Sendable {
    public var from: String
    /// Nil: HEAD (or the work tree with `worktree`).
    public var to: String?
    public var worktree: Bool
    /// Module ids or paths to keep; empty keeps all.
    public var modules: [String]
    public var granularity: ContentDiff.Granularity
    /// Only the modules and their word counts, as `--stat` lists them: change events, sign-off records, market
    /// updates and the modules' changed fields and assets are not read and stay empty (a far diff adds thousands of
    /// records), and the word segments are not kept once counted (the whole text of every added or removed module).
    public var modulesOnly: Bool

    public init(from: String, to: String?, worktree: Bool, modules: [String], granularity: ContentDiff.Granularity, modulesOnly: Bool = false) {
        self.from = from
        self.to = to
        self.worktree = worktree
        self.modules = modules
        self.granularity = granularity
        self.modulesOnly = modulesOnly
    }
}

extension ContentRepository {
    /// Compares the content folder between two revisions (or a revision and the work tree).
    public func diff(_ request: DiffRequest) throws(ContentError) -> ContentDiff {
        let (head, _) = try requireHeadCommit()
        let config = try configuration(at: head)
        let folder = config.contentFolder
        if request.worktree, request.to != nil {
            throw ContentError(.usage, "--worktree compares FROM with the work tree; give no TO")
        }
        let from = try resolveRevision(request.from, timeZone: config.timeZone)
        let to = request.worktree ? nil : try resolveRevision(request.to ?? "HEAD", timeZone: config.timeZone)
        return try ContentError.readingGit(otherwise: { error in ContentError(.badContent, "\(error)") }) {
            let oldCommit = try repository.commit(from.commit)
            var workTreeFiles: [ObjectID: String] = [:]
            let objects = try repository.objectDatabase()
            // Whether the range runs backwards takes a walk of history (libgit2 has no commit-graph), taken a little
            // after each part of the changed files is read, on this thread: the other core has parsing to do then.
            var ordering = try to.map { (to) throws(GitError) in try Ancestry(isDescendant: from.commit, of: to.commit, objects: objects) }
            let content = { (blob: ObjectID) throws(GitError) -> Data in
                try Self.read(blob, objects: objects, fromDisk: workTreeFiles)
            }
            let files: [FileChange]
            if let to {
                files = try TreeChanges.between(oldCommit.tree, try repository.commit(to.commit).tree, under: folder, repository: repository)
            } else {
                guard let root = repository.workingDirectory else {
                    throw ContentError(.unsupportedRepository, "bare repository: --worktree needs a work tree")
                }
                var newSide: [String: TreeChanges.File] = [:]
                let workTree = WorkTreeSource(root: root, repository: repository)
                for file in try workTree.files(under: folder, skipFolder: { _ in false }) {
                    newSide[file.path] = (file.blob, Self.workTreeMode(root + file.path))
                    if workTree.readsFromDisk(file.path) { workTreeFiles[file.blob] = root + file.path }
                }
                let oldSide = try TreeChanges.files(in: oldCommit.tree, under: folder, repository: repository)
                files = try TreeChanges.between(old: oldSide, new: newSide, content: content)
            }
            let selected = files.filter { ContentLibrary.isModulePath($0.path, folder: folder) || $0.oldPath.map { ContentLibrary.isModulePath($0, folder: folder) } == true }
            let granularity = request.granularity
            let modulesOnly = request.modulesOnly
            let fromDisk = workTreeFiles
            // This thread reads the modules' two sides, part by part, and both cores parse and diff them. Many small
            // parts: modules cost very unevenly, and the last part to finish keeps one core waiting.
            var modules = try ReadAhead.joinedParts(of: selected.count, count: 128, read: { (range) throws(GitError) in
                let sides = try selected[range].map { (change) throws(GitError) in
                    (change, try Self.side(change.oldBlob, of: change.oldPath ?? change.path, objects: objects, fromDisk: fromDisk),
                     try Self.side(change.newBlob, of: change.path, objects: objects, fromDisk: fromDisk))
                }
                try ordering?.advance(steps: 128, objects: objects)
                return sides
            }, work: { sides in
                sides.map { change, old, new in
                    Self.moduleChange(change, old: old, new: new, files: files, folder: folder, granularity: granularity,
                                      modulesOnly: modulesOnly)
                }
            })
            if !request.modules.isEmpty {
                modules = try filter(modules, by: request.modules, folder: folder, from: from, to: to ?? Revision(commit: head.id, label: "HEAD"))
            }
            let reversed = try ordering?.finish(objects: objects) ?? false
            return ContentDiff(
                from: from, to: to, reversed: reversed, granularity: request.granularity, files: files, modules: modules,
                events: request.modulesOnly ? [] : try eventChanges(files, folder: folder, config: config, objects: objects, fromDisk: fromDisk),
                marketUpdates: request.modulesOnly ? [] : try updates(between: from.commit, and: to?.commit ?? head.id, reversed: reversed),
                signoffs: request.modulesOnly ? [] : try addedRecords(files, folder: folder, objects: objects, fromDisk: fromDisk).filter { record in
                    request.modules.isEmpty || modules.contains { $0.id == record.module }
                })
        }
    }

    private static func workTreeMode(_ path: String) -> FileMode {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let permissions = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
        return permissions & 0o100 != 0 ? .executable : .blob
    }

    /// One module file's change, from the bytes of its two sides. `modulesOnly`: the changed fields and assets, which
    /// only the full listings show, are left out, and the word segments are dropped once counted (see
    /// `DiffRequest.modulesOnly`).
    private static func moduleChange(_ change: FileChange, old oldData: Data?, new newData: Data?, files: [FileChange],
                                     folder: String, granularity: ContentDiff.Granularity, modulesOnly: Bool) -> ContentDiff.ModuleChange {
        let oldText = oldData.flatMap(Self.text)
        let newText = newData.flatMap(Self.text)
        let binary = (change.oldBlob != nil && oldText == nil) || (change.newBlob != nil && newText == nil)
        let oldFields = oldText.map { DisplayedFrontMatter($0) }
        let newFields = newText.map { DisplayedFrontMatter($0, sameAs: oldFields) }
        let id = newFields?.values["id"] ?? oldFields?.values["id"] ?? ModuleParser.defaultID(path: change.path, contentFolder: folder)
        var segments: [TextDiff.Segment]?
        if !binary {
            let old = oldFields?.body ?? ""
            let new = newFields?.body ?? ""
            segments = granularity == .word ? TextDiff.words(old: old, new: new) : TextDiff.lines(old: old, new: new)
        }
        let fields = modulesOnly ? [] : DisplayedFrontMatter.changes(from: oldFields, to: newFields)
        let assets = modulesOnly ? [] : assetChanges(old: oldFields, oldPath: change.oldPath ?? change.path, new: newFields, newPath: change.path, files: files)
        return ContentDiff.ModuleChange(
            id: id, title: newFields?.values["title"] ?? oldFields?.values["title"] ?? id, path: change.path,
            oldPath: change.oldPath, status: change.status, similarity: change.similarity,
            products: (newFields ?? oldFields)?.lists["products"] ?? [], markets: (newFields ?? oldFields)?.lists["markets"] ?? [],
            fields: fields, assets: assets, segments: segments, keepingSegments: !modulesOnly, binary: binary,
            bodyLines: (oldFields?.bodyLine ?? 1, newFields?.bodyLine ?? 1))
    }

    /// Assets named by either side's front matter that were added to or dropped from the list, or whose file changed.
    static func assetChanges(old: DisplayedFrontMatter?, oldPath: String, new: DisplayedFrontMatter?, newPath: String,
                             files: [FileChange]) -> [ContentDiff.AssetChange] {
        func resolved(_ side: DisplayedFrontMatter?, _ path: String) -> Set<String> {
            Set((side?.lists["assets"] ?? []).compactMap { RepositoryPath.resolve($0, relativeTo: RepositoryPath.folder(of: path)) })
        }
        let oldAssets = resolved(old, oldPath)
        let newAssets = resolved(new, newPath)
        var result: [ContentDiff.AssetChange] = []
        for path in oldAssets.subtracting(newAssets).sorted() { result.append(.init(path: path, status: .deleted)) }
        for path in newAssets.subtracting(oldAssets).sorted() { result.append(.init(path: path, status: .added)) }
        for path in newAssets.intersection(oldAssets).sorted() {
            if let file = files.first(where: { $0.path == path || $0.oldPath == path }) { result.append(.init(path: path, status: file.status)) }
        }
        return result
    }

    private static func text(_ data: Data) -> String? {
        guard !data.withUnsafeBytes(TextFile.looksBinary) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    private func filter(_ modules: [ContentDiff.ModuleChange], by names: [String], folder: String, from: Revision, to: Revision) throws(ContentError) -> [ContentDiff.ModuleChange] {
        var known = Set(modules.flatMap { [$0.id, $0.path] + ($0.oldPath.map { [$0] } ?? []) })
        let missing = names.filter { !known.contains($0) }
        if !missing.isEmpty {
            for revision in [from, to] {
                let commit: Commit
                do { commit = try repository.commit(revision.commit) } catch { throw ContentError(error) }
                let library = try library(at: commit)
                known.formUnion(library.modules.flatMap { [$0.id, $0.path] })
                known.formUnion(library.invalidModules.flatMap { [$0.id, $0.path] })
            }
        }
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw ContentError(.unknown, "no module '\(unknown)' at \(from.label) or \(to.label)")
        }
        return modules.filter { module in names.contains(module.id) || names.contains(module.path) || module.oldPath.map(names.contains) == true }
    }

    /// Change event files changed in the range, parsed on both cores as they are read, as records are.
    private func eventChanges(_ files: [FileChange], folder: String, config: ContentConfig, objects: ObjectDatabase,
                              fromDisk: [ObjectID: String]) throws(GitError) -> [ContentDiff.EventChange] {
        let changes = folder + "/changes/"
        let changed = files.filter { $0.path.hasPrefix(changes) && ($0.path.hasSuffix(".yml") || $0.path.hasSuffix(".yaml")) }
        return try ReadAhead.joinedParts(of: changed.count, count: 16, splittingFrom: 200, read: { (range) throws(GitError) in
            try changed[range].map { (file) throws(GitError) in
                (file, try Self.side(file.newBlob ?? file.oldBlob, of: file.path, objects: objects, fromDisk: fromDisk))
            }
        }, work: { read in
            read.map { file, data in
                let event = data.flatMap { try? ChangeEvent.parse([UInt8]($0), path: file.path, config: config) }
                return ContentDiff.EventChange(id: event?.id ?? RepositoryPath.baseName(of: file.path, dropping: ".yml"), path: file.path,
                                               status: file.status, date: event?.date, kind: event?.kind, summary: event?.summary)
            }
        })
    }

    /// Records added in the range, parsed on both cores as they are read: a far diff adds thousands of them.
    private func addedRecords(_ files: [FileChange], folder: String, objects: ObjectDatabase, fromDisk: [ObjectID: String]) throws(GitError) -> [SignoffRecord] {
        let ledger = Ledger.folder(contentFolder: folder) + "/"
        let added = files.filter { $0.status == .added && $0.path.hasPrefix(ledger) && $0.path.hasSuffix(SignoffRecord.fileExtension) }
        // A record takes tens of microseconds to read and parse: a few hundred are worth splitting.
        let records = try ReadAhead.joinedParts(of: added.count, count: 16, splittingFrom: 200, read: { (range) throws(GitError) in
            try added[range].map { (file) throws(GitError) in
                (file, try Self.side(file.newBlob, of: file.path, objects: objects, fromDisk: fromDisk))
            }
        }, work: { read in
            read.map { file, data -> SignoffRecord? in
                guard let data, let text = String(data: data, encoding: .utf8) else { return nil }
                return try? SignoffRecord.parse(text, file: file.path)
            }
        })
        return records.compactMap { $0 }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }

    /// A file's bytes: from disk for a work-tree file (hashed, never written to the object database), else the blob.
    private static func read(_ blob: ObjectID, objects: ObjectDatabase, fromDisk: [ObjectID: String]) throws(GitError) -> Data {
        if let path = fromDisk[blob], let data = FileManager.default.contents(atPath: path) { return data }
        return try objects.blob(blob)
    }

    /// One side of a changed file, nil where the file does not exist on that side; a failure names the file.
    private static func side(_ blob: ObjectID?, of path: String, objects: ObjectDatabase, fromDisk: [ObjectID: String]) throws(GitError) -> Data? {
        guard let blob else { return nil }
        do {
            return try read(blob, objects: objects, fromDisk: fromDisk)
        } catch {
            throw GitError(code: error.code, message: error.message, operation: "read \(path)")
        }
    }

    /// Market updates whose commit is reachable from the newer side and not from the older one.
    private func updates(between from: ObjectID, and to: ObjectID, reversed: Bool) throws(ContentError) -> [MarketUpdate] {
        let (older, newer) = reversed ? (to, from) : (from, to)
        let updates = try marketUpdates()
        guard !updates.isEmpty else { return [] }
        do throws(GitError) {
            let objects = try repository.objectDatabase()
            /// Whether `commit` is `tip` or in its history.
            func reaches(_ tip: ObjectID, _ commit: ObjectID) throws(GitError) -> Bool {
                if tip == commit { return true }
                return try Ancestry.isDescendant(tip, of: commit, objects: objects)
            }
            var result: [MarketUpdate] = []
            for update in updates where try reaches(newer, update.commit) {
                if !(try reaches(older, update.commit)) { result.append(update) }
            }
            return result
        } catch {
            throw ContentError(error)
        }
    }
}

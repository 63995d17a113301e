import Foundation
import GitKit

/// What `contentctl init` did.
public struct ScaffoldResult: Sendable {
    public let root: String
    public let createdRepository: Bool
    public let created: [String]
    /// Files that already existed and were left as they were.
    public let kept: [String]
}

public enum Scaffold {
    /// Makes `path` a content repository: a git repository (created if needed) with a configuration, a roster,
    /// and the content folder layout. Existing files are never overwritten.
    public static func initialize(at path: String, today: CalendarDate) throws(ContentError) -> ScaffoldResult {
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        var createdRepository = false
        do {
            _ = try Repository.open(at: root)
        } catch {
            do {
                _ = try Repository.create(at: root)
                createdRepository = true
            } catch {
                throw ContentError(.unsupportedRepository, "cannot create a git repository at \(root): \(error.message)")
            }
        }
        let templates = TemplateLibrary(repositoryRoot: nil)
        var created: [String] = []
        var kept: [String] = []
        for name in templates.names(under: "init") {
            let target = root + "/" + name
            if FileManager.default.fileExists(atPath: target) {
                kept.append(name)
                continue
            }
            let text = try templates.render("init/" + name, ["date": today.description])
            do {
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .withoutOverwriting)
            } catch {
                throw ContentError(.badContent, "\(target): cannot write: \(error.localizedDescription)")
            }
            created.append(name)
        }
        return ScaffoldResult(root: root, createdRepository: createdRepository, created: created, kept: kept)
    }
}

extension ContentRepository {
    /// Writes a new module from the template for `type` and returns its path from the repository root.
    public func newModule(id: String, type: String, title: String?, path: String?, environment: [String: String], today: CalendarDate) throws(ContentError) -> String {
        guard let root = repository.workingDirectory else {
            throw ContentError(.unsupportedRepository, "bare repository: new modules are written into a work tree")
        }
        guard ModuleID.isValid(id) else {
            throw ContentError(.usage, "module id '\(id)' must be letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
        if let title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ContentError(.usage, "--title is empty: give the module a title, or leave --title out to make one from the id")
        }
        guard templates.moduleTypes.contains(type) else {
            throw ContentError(.usage, "no template for type '\(type)' (templates: \(templates.moduleTypes.joined(separator: ", ")))")
        }
        let library = try workTreeLibrary()
        if let existing = library.modules.first(where: { $0.id == id }) {
            throw ContentError(.badContent, "module id '\(id)' is already used by \(existing.path)")
        }
        let folder = type == "product" ? "products" : type
        let target = path ?? "\(library.config.contentFolder)/\(folder)/\(id).md"
        guard !FileManager.default.fileExists(atPath: root + target) else {
            throw ContentError(.badContent, "\(target) already exists")
        }
        let owner = (try? Identity.resolve(environment: environment, repository: repository).email) ?? ""
        let finalTitle = title ?? id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        let text = try templates.render("modules/\(type).md.mustache", [
            "id": id, "title": finalTitle, "title_yaml": Self.yamlQuoted(finalTitle), "type": type,
            "owner": owner, "date": today.description,
        ])
        do {
            let url = URL(fileURLWithPath: root + target)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw ContentError(.badContent, "\(target): cannot write: \(error.localizedDescription)")
        }
        return target
    }

    /// A double-quoted YAML scalar holding `text` exactly.
    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

import Foundation
import Mustache

/// Templates for new modules and new repositories: built into the binary, and overridden file by file
/// by a content repository's own `Templates/` folder.
public struct TemplateLibrary {
    public static let folderName = "Templates"

    /// The repository's `Templates/` folder, if it has one.
    let overrideFolder: String?

    public init(repositoryRoot: String?) {
        overrideFolder = repositoryRoot.map { $0.hasSuffix("/") ? $0 + Self.folderName : $0 + "/" + Self.folderName }
    }

    /// The template at `name` (e.g. `modules/product.md.mustache`) with where it came from, for messages.
    func template(_ name: String) -> (text: String, origin: String)? {
        if let overrideFolder, let data = FileManager.default.contents(atPath: overrideFolder + "/" + name),
           let text = String(data: data, encoding: .utf8) {
            return (text, Self.folderName + "/" + name)
        }
        return EmbeddedTemplates.files[name].map { ($0, "built-in " + name) }
    }

    /// Template names under `folder`, built-in and overriding, without the folder prefix.
    func names(under folder: String) -> [String] {
        var names = Set(EmbeddedTemplates.files.keys.filter { $0.hasPrefix(folder + "/") }.map { String($0.dropFirst(folder.count + 1)) })
        if let overrideFolder, let walker = FileManager.default.enumerator(atPath: overrideFolder + "/" + folder) {
            for case let name as String in walker where !name.hasSuffix("/") {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: overrideFolder + "/" + folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                    names.insert(name)
                }
            }
        }
        return names.sorted()
    }

    /// The module types there are templates for.
    public var moduleTypes: [String] {
        names(under: "modules").filter { $0.hasSuffix(".md.mustache") }.map { String($0.dropLast(".md.mustache".count)) }
    }

    /// Renders a template as plain text (no HTML escaping); a broken template is named with its line.
    func render(_ name: String, _ values: [String: String]) throws(ContentError) -> String {
        try parse(name, escapingHTML: false).render(values)
    }

    /// Renders the report template `reports/<report>.<ext>.mustache`. HTML templates escape values and may include
    /// the templates in `reports/partials/` by file name without `.mustache` (`{{> style.css}}`).
    func renderReport(_ report: String, format: ReportFormat, context: [String: Any]) throws(ContentError) -> String {
        let template = try parse("reports/\(report).\(format.fileExtension).mustache", escapingHTML: format == .html)
        var partials = MustacheLibrary()
        if format == .html {
            for partial in names(under: Self.partialsFolder) where partial.hasSuffix(".mustache") {
                partials.register(try parse(Self.partialsFolder + "/" + partial, escapingHTML: true), named: String(partial.dropLast(".mustache".count)))
            }
        }
        return template.render(context, library: partials)
    }

    private static let partialsFolder = "reports/partials"

    private func parse(_ name: String, escapingHTML: Bool) throws(ContentError) -> MustacheTemplate {
        guard let (text, origin) = template(name) else {
            throw ContentError(.unknown, "no template \(name)")
        }
        do {
            return try MustacheTemplate(string: escapingHTML ? text : "{{% CONTENT_TYPE: TEXT}}" + text)
        } catch let error as MustacheTemplate.ParserError {
            throw ContentError(.badContent, "\(origin):\(error.context.lineNumber): broken template: \(error.error)")
        } catch {
            throw ContentError(.badContent, "\(origin): broken template: \(error)")
        }
    }
}

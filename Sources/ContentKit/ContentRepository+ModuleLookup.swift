import Foundation

extension ContentRepository {
    /// The module a command-line name means: its id, or its file path from the repository root or the current folder.
    func module(named name: String, in library: ContentLibrary) -> Module? {
        let path = relativePath(name)
        return library.modules.first { $0.id == name || $0.path == path }
    }

    /// The module a name means, or the one-line error (exit 66) for a name that matches nothing.
    func requireModule(named name: String, in library: ContentLibrary) throws(ContentError) -> Module {
        guard let module = module(named: name, in: library) else {
            throw ContentError(.unknown, "unknown module '\(name)' (contentctl modules lists them)")
        }
        return module
    }

    /// `name` as a path from the repository root, when it names a file in the work tree.
    func relativePath(_ name: String) -> String {
        guard let root = repository.workingDirectory else { return name }
        let absolute = URL(fileURLWithPath: name).standardizedFileURL.path
        let resolvedRoot = URL(fileURLWithPath: root).standardizedFileURL.path + "/"
        return absolute.hasPrefix(resolvedRoot) ? String(absolute.dropFirst(resolvedRoot.count)) : name
    }
}

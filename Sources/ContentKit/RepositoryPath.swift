/// Slash-separated paths from the repository root, as git stores them.
enum RepositoryPath {
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    static func baseName(of path: String, dropping suffix: String = "") -> String {
        let name: String
        if path.utf8.last == UInt8(ascii: "/") {
            name = path.split(separator: "/").last.map(String.init) ?? path
        } else {
            // What follows the last slash; splitting the whole path cost a review of 10,000 modules 0.1 s.
            name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        }
        return suffix.isEmpty || !name.hasSuffix(suffix) ? name : String(name.dropLast(suffix.count))
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }

    /// `relative` resolved against `folder`, with `.` and `..` folded; nil when it climbs out of the repository.
    static func resolve(_ relative: String, relativeTo folder: String) -> String? {
        guard !relative.isEmpty, !relative.hasPrefix("/") else { return nil }
        var parts = folder.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}

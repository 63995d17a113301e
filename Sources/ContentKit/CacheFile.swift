import GitKit

/// Where contentctl keeps what it can always recompute: `.git/contentctl/cache/<name>`, shared by every work tree.
enum CacheFile {
    static func path(_ name: String, in repository: Repository) -> String {
        repository.commonDirectory + "contentctl/cache/" + name
    }
}

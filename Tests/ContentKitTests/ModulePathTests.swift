@testable import ContentKit
import Testing

/// Which changed files `diff` treats as modules: the same files a review reads as modules.
@Suite struct ModulePathTests {
    @Test(arguments: [
        ("Content/dosing.md", true),
        ("Content/zentrava/US/dosing.md", true),
        ("Content/changes.md", true),
        ("Content/zentrava/changes/notes.md", true),
        ("Content/changes-2026/notes.md", true),
        ("Content/ÜberSicht/Zoë.md", true),
        ("Content/.md", true),
        ("Content/README.md", false),
        ("Content/zentrava/ReadMe.md", false),
        ("Content/changes/2026-q3.md", false),
        ("Content/.signoffs/dosing/abc.md", false),
        ("Content/zentrava/.drafts/dosing.md", false),
        ("Content/dosing.MD", false),
        ("Content/dosing.yml", false),
        ("ContentX/dosing.md", false),
        ("Other/Content/dosing.md", false),
        ("Content", false),
    ])
    func modulePaths(path: String, isModule: Bool) {
        #expect(ContentLibrary.isModulePath(path, folder: "Content") == isModule)
    }
}

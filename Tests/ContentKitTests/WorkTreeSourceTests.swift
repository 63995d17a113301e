import Foundation
import GitKit
import Testing
import TestSupport
@testable import ContentKit

/// The work tree as contentctl reads it: files git knows unchanged are named by their staged blob, the rest are hashed
/// from disk; either way each file's id and text are what `git hash-object` and the file on disk say.
@Suite struct WorkTreeSourceTests {
    @Test func everyFileIsNamedAndReadAsOnDisk() throws {
        let repository = try TestRepository()
        for name in ["kept", "edited", "staged", "staged-then-edited", "deleted", "retyped"] {
            try repository.write("Content/\(name).md", "---\ntitle: \(name)\n---\nFirst text of \(name).\n")
        }
        _ = try repository.commit("Library")
        try repository.write("Content/edited.md", "---\ntitle: edited\n---\nEdited, not staged.\n")
        try repository.write("Content/staged.md", "---\ntitle: staged\n---\nStaged.\n")
        try repository.write("Content/staged-then-edited.md", "---\ntitle: staged\n---\nStaged first.\n")
        _ = try repository.git("add", "Content/staged.md", "Content/staged-then-edited.md")
        try repository.write("Content/staged-then-edited.md", "---\ntitle: staged\n---\nThen edited again.\n")
        try repository.write("Content/untracked.md", "---\ntitle: untracked\n---\nNew.\n")
        try repository.remove("Content/deleted.md")
        try repository.remove("Content/retyped.md")
        try FileManager.default.createSymbolicLink(atPath: repository.path + "/Content/retyped.md", withDestinationPath: "kept.md")

        let source = WorkTreeSource(root: repository.path + "/", repository: try Repository.open(at: repository.path))
        let files = try source.files(under: "Content", skipFolder: { _ in false })
        #expect(files.map(\.path) == ["Content/edited.md", "Content/kept.md", "Content/staged-then-edited.md", "Content/staged.md", "Content/untracked.md"])
        for file in files {
            let hashed = try repository.git("hash-object", file.path).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(file.blob.hex == hashed, "\(file.path)")
            let onDisk = try #require(FileManager.default.contents(atPath: repository.path + "/" + file.path))
            #expect(try source.read(file.path) == [UInt8](onDisk), "\(file.path)")
        }
        // Only the files git knows unchanged since they were staged come from the object database.
        #expect(files.filter { !source.readsFromDisk($0.path) }.map(\.path) == ["Content/kept.md", "Content/staged.md"])
        #expect(try source.read("Content/deleted.md") == nil)
        #expect(try source.read("Content/retyped.md") == nil)
    }
}

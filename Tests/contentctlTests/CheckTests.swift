import ContentKit
import Foundation
import Testing
import TestSupport

/// `contentctl check --base`: the CI gate judges a branch by its base's rules.
@Suite struct CheckTests {
    /// A library where dosing is signed on main, then a branch `change` that edits it.
    private func branchWithAChange() throws -> SignedLibrary {
        let library = try SignedLibrary()
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        #expect(try library.signoff("dosing", role: "product", as: SignedLibrary.priya, keyName: "priya").status == 0)
        try library.repository.git("checkout", "-q", "-b", "change")
        try library.repository.write(SignedLibrary.dosing, SignedLibrary.module(id: "dosing", markets: "[US]", body: "Take 15 mg once daily with food."))
        try library.repository.commit("Dosing: with food")
        return library
    }

    @Test func aChangedModuleNeedsEveryRequiredSignoffOnItsNewText() throws {
        let library = try branchWithAChange()
        let missing = try library.contentctl(["check", "--base", "main", "--format", "github"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("::error file=Content/dosing.md,title=contentctl check::dosing changed and has no verified sales sign-off on its current text"))
        #expect(missing.stdout.contains("has no verified product sign-off"))
        #expect(missing.stdout.contains("1 changed module, 2 problems"))

        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        #expect(try library.signoff("dosing", role: "product", as: SignedLibrary.priya, keyName: "priya").status == 0)
        let passing = try library.contentctl(["check", "--base", "main"])
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.contains("1 changed module, 0 problems"))
    }

    @Test func aBranchCannotAddItsOwnReviewer() throws {
        let library = try branchWithAChange()
        try library.repository.write("Content/roster.yml", try library.roster(withMallory: true))
        try library.repository.commit("Add Mallory to sales")
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.mallory, keyName: "mallory").status == 0)
        #expect(try library.signoff("dosing", role: "product", as: SignedLibrary.priya, keyName: "priya").status == 0)
        let result = try library.contentctl(["check", "--base", "main"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("mallory.jones@example.com was not on the roster on main"))
        #expect(result.stdout.contains("dosing changed and has no verified sales sign-off"))
    }

    @Test func aBranchCannotLowerItsOwnSignoffRoles() throws {
        let library = try branchWithAChange()
        try library.repository.write(SignedLibrary.dosing, SignedLibrary.module(id: "dosing", markets: "[US]", body: "Take 15 mg once daily with food.", roles: "[sales]"))
        try library.repository.commit("Only sales needs to sign")
        #expect(try library.signoff("dosing", role: "sales", as: SignedLibrary.dan, keyName: "dan").status == 0)
        let result = try library.contentctl(["check", "--base", "main"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("dosing changed and has no verified product sign-off"))
    }

    @Test func anUnknownBaseIsRefused() throws {
        let library = try SignedLibrary()
        let result = try library.contentctl(["check", "--base", "origin/nowhere"])
        #expect(result.status == 66)
        #expect(result.stderr == "contentctl: unknown ref or market update 'origin/nowhere' (contentctl updates lists market updates)\n")
    }
}

/// Two reviewers sign on two clones of one bare remote; the second integrates by merge or by rebase.
@Suite struct TwoClonesTests {
    @Test(arguments: ["--no-rebase", "--rebase"])
    func recordsFromTwoClonesNeverConflictAndBothVerify(_ integration: String) throws {
        let library = try SignedLibrary()
        let origin = library.keys.path + "/remote.git"
        try library.repository.git("init", "-q", "--bare", "-b", "main", origin)
        try library.repository.git("push", "-q", origin, "main")
        var clones: [TestRepository] = []
        for name in ["first", "second"] {
            let path = library.keys.path + "/" + name
            try library.repository.git("clone", "-q", origin, path)
            clones.append(try TestRepository(wrapping: path, start: "2026-03-05T09:00:00Z"))
        }
        func signoff(_ clone: TestRepository, _ person: (name: String, email: String), role: String, key: String) throws {
            try clone.git("config", "gpg.format", "ssh")
            try clone.git("config", "user.signingkey", library.key(key))
            let result = try CLI.run(["signoff", "dosing", "--role", role, "--yes"], in: clone, environment: clone.environment(committer: person))
            #expect(result.status == 0, "\(result.stderr)")
        }
        try signoff(clones[0], SignedLibrary.dan, role: "sales", key: "dan")
        try clones[0].git("push", "-q", "origin", "main")
        try signoff(clones[1], SignedLibrary.priya, role: "product", key: "priya")
        try clones[1].git("pull", "-q", integration, "origin", "main")
        try clones[1].git("push", "-q", "origin", "main")
        try clones[0].git("pull", "-q", "--ff-only", "origin", "main")
        for clone in clones {
            let verify = try CLI.run(["verify"], in: clone)
            #expect(verify.status == 0, "\(verify.stdout)")
            #expect(verify.stdout.contains("2 records (2 signed, 0 attestations): 2 verified, 0 failed"))
            #expect(try clone.git("status", "--porcelain").isEmpty)
        }
        let review = try CLI.run(["review", "--as-of", "2026-03-10"], in: clones[0])
        #expect(review.stdout.contains("current  dosing"), "\(review.stdout)")
    }
}

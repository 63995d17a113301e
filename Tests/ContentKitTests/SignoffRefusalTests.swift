import ContentKit
import Foundation
import Testing
import TestSupport

/// Every refusal of PRODUCT.md: its own message, exit status 67, and nothing written.
@Suite struct SignoffRefusalTests {
    /// Expects the sign-off to be refused with a message containing `expected`, and the branch not to move.
    func expectRefusal(_ library: LibraryFixture, _ modules: [String], role: String, as person: String,
                       at date: String = "2026-02-01T10:00:00Z", containing expected: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try library.repository.head()
        do {
            try library.sign(modules, role: role, as: person, at: date)
            Issue.record("sign-off was not refused", sourceLocation: sourceLocation)
        } catch let error as ContentError {
            #expect(error.status == .refused, sourceLocation: sourceLocation)
            #expect(error.message.contains(expected), "\(error.message)", sourceLocation: sourceLocation)
        }
        #expect(try library.repository.head() == before, sourceLocation: sourceLocation)
        #expect(try library.repository.git("status", "--porcelain").isEmpty, sourceLocation: sourceLocation)
    }

    func fixture() throws -> LibraryFixture {
        let library = try LibraryFixture()
        try library.module("dosing", "products: [zentrava]\nmarkets: [US]")
        try library.module("de-dosing", "products: [zentrava]\nmarkets: [DE]")
        try library.repository.write("Content/no-id.md", "---\ntitle: No id\nproducts: [zentrava]\n---\nText\n")
        try library.commit()
        return library
    }

    @Test func personNotOnTheRosterForTheRole() throws {
        let library = try fixture()
        try expectRefusal(library, ["dosing"], role: "product", as: "sam", containing: "sam@example.com is not on the roster for role 'product'")
        try expectRefusal(library, ["dosing"], role: "sales", as: "mallory", containing: "mallory@example.com is not on the roster for role 'sales'")
    }

    @Test func roleTheRosterDoesNotHave() throws {
        let library = try fixture()
        try expectRefusal(library, ["dosing"], role: "medical", as: "sam", containing: "no role 'medical'")
    }

    @Test func moduleOutsideTheReviewersMarkets() throws {
        let library = try fixture()
        try expectRefusal(library, ["de-dosing"], role: "sales", as: "dana", containing: "Dana US signs for all products in US; de-dosing is for zentrava in DE")
    }

    @Test func reviewerOutsideTheirValidityWindow() throws {
        let library = try LibraryFixture()
        try library.repository.write("Content/roster.yml", """
        roles:
          sales:
            - name: Sam Sales
              email: sam@example.com
              valid_until: 2026-01-31
          product:
            - name: Pat Product
              email: pat@example.com
              valid_from: 2026-03-01
        """)
        try library.module("dosing")
        try library.commit()
        try expectRefusal(library, ["dosing"], role: "sales", as: "sam", at: "2026-02-01T00:00:00Z", containing: "may sign for 'sales' only through 2026-01-31")
        try expectRefusal(library, ["dosing"], role: "product", as: "pat", at: "2026-02-28T23:59:59Z", containing: "only from 2026-03-01")
        try library.sign("dosing", role: "sales", as: "sam", at: "2026-01-31T23:59:59Z")
    }

    @Test func authorOfTheTextChange() throws {
        let library = try fixture()
        library.repository.authorEmail = "pat@example.com"
        try library.module("dosing", body: "Pat rewrote the claim.\n")
        try library.commit("Pat edits the module")
        try expectRefusal(library, ["dosing"], role: "product", as: "pat", containing: "Pat Product authored the latest change to dosing")
    }

    @Test func onePersonInTwoRoles() throws {
        let library = try LibraryFixture()
        try library.repository.write("Content/roster.yml", LibraryFixture.roster + "\n    - name: Sam Sales\n      email: sam@example.com\n")
        try library.module("dosing")
        try library.commit()
        try library.sign("dosing", role: "sales", as: "sam", at: "2026-02-01T10:00:00Z")
        try expectRefusal(library, ["dosing"], role: "product", as: "sam", at: "2026-02-01T11:00:00Z", containing: "already signed dosing as sales")
    }

    @Test func uncommittedText() throws {
        let library = try fixture()
        try library.module("dosing", body: "Not committed yet.\n")
        let before = try library.repository.head()
        do {
            try library.sign(["dosing"], role: "sales", as: "sam", at: "2026-02-01T10:00:00Z")
            Issue.record("not refused")
        } catch let error as ContentError {
            #expect(error.status == .refused)
            #expect(error.message == "Content/dosing.md has uncommitted changes: commit the text to be approved first")
        }
        #expect(try library.repository.head() == before)
    }

    @Test func unknownModuleAndModuleWithoutID() throws {
        let library = try fixture()
        try expectRefusal(library, ["nonexistent"], role: "sales", as: "sam", containing: "unknown module 'nonexistent'")
        try expectRefusal(library, ["Content/no-id.md"], role: "sales", as: "sam", containing: "has no id: in its front matter")
    }

    @Test func oneRefusalStopsTheWholeBatch() throws {
        let library = try fixture()
        try expectRefusal(library, ["dosing", "de-dosing"], role: "sales", as: "dana", containing: "de-dosing is for zentrava in DE")
        #expect(try library.open().listSignoffs().isEmpty)
    }

    @Test func revokingSomeoneElsesRecord() throws {
        let library = try fixture()
        let plan = try library.sign(["dosing"], role: "sales", as: "sam", at: "2026-02-01T10:00:00Z")
        let id = try #require(plan.items.first).record.id
        let content = try library.open()
        #expect(throws: ContentError(.refused, "\(id.prefix(12)) was made by Sam Sales <sam@example.com>; only they can revoke it")) {
            try content.planRevocation(of: id, reason: "not mine", environment: library.environment("pat", at: "2026-02-02T10:00:00Z"))
        }
        #expect(throws: ContentError(.unknown, "no sign-off record abcdef12 (contentctl signoffs list shows them)")) {
            try content.planRevocation(of: "abcdef12", reason: "typo", environment: library.environment("sam", at: "2026-02-02T10:00:00Z"))
        }
        try content.commit(try content.planRevocation(of: id, reason: "wrong", environment: library.environment("sam", at: "2026-02-02T10:00:00Z")))
        #expect(throws: ContentError(.refused, "\(id.prefix(12)) is already revoked")) {
            try library.open().planRevocation(of: id, reason: "again", environment: library.environment("sam", at: "2026-02-03T10:00:00Z"))
        }
    }
}

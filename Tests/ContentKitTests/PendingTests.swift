import ContentKit
import Foundation
import Testing
import TestSupport

/// `pending`: each reviewer sees the modules waiting for a role they hold, within their products and markets.
@Suite struct PendingTests {
    func library() throws -> LibraryFixture {
        let library = try LibraryFixture()
        try library.module("dosing", "products: [zentrava]\nmarkets: [US]")
        try library.module("germany", "products: [zentrava]\nmarkets: [DE]")
        try library.module("nephro", "products: [nephrova]\nmarkets: [US]")
        try library.commit("three modules", at: "2026-01-05T09:00:00Z")
        try library.approveByBothRoles("dosing", at: "2026-01-10T10:00:00Z")
        try library.sign("germany", role: "sales", as: "sam", at: "2026-01-11T10:00:00Z")
        return library
    }

    func lines(_ list: PendingList) -> [String] {
        list.people.map { person in
            "\(person.email) \(person.roles.joined(separator: ",")): " + person.items.map { "\($0.module)/\($0.role)/\($0.verdict.rawValue)/\($0.days ?? -1)" }.joined(separator: " ")
        }
    }

    @Test func everyoneSeesOnlyWhatTheirRoleAndScopeOwe() throws {
        let library = try library()
        let list = try library.open().pending(asOf: CalendarDate("2026-01-20"))
        #expect(lines(list) == [
            "sam@example.com sales: nephro/sales/never-reviewed/15",
            "dana@example.com sales: nephro/sales/never-reviewed/15",
            "pat@example.com product: germany/product/unsigned-changes/15",
        ])
    }

    @Test func oneReviewerAndAnUnknownOne() throws {
        let library = try library()
        let content = try library.open()
        #expect(lines(try content.pending(asOf: CalendarDate("2026-01-20"), reviewer: "PAT@example.com")) == ["pat@example.com product: germany/product/unsigned-changes/15"])
        #expect(throws: ContentError(.unknown, "nobody@example.com is not on the roster (Content/roster.yml)")) {
            try content.pending(asOf: CalendarDate("2026-01-20"), reviewer: "nobody@example.com")
        }
    }

    @Test func aCycleLeavesOutWhatStartedWaitingAfterIt() throws {
        let library = try library()
        try library.event("label", date: "2026-04-10")
        try library.commit("label change", at: "2026-04-02T10:00:00Z")
        let content = try library.open()
        // The label change was announced on 2 April: sign-offs have been owed since then, 13 days by 15 April.
        let april = try content.pending(asOf: CalendarDate("2026-04-15"))
        #expect(lines(april).first == "sam@example.com sales: nephro/sales/never-reviewed/100 dosing/sales/stale/13 germany/sales/stale/13")
        let q1 = try content.pending(asOf: CalendarDate("2026-04-15"), cycle: ReviewCycle("2026-Q1"))
        #expect(lines(q1).first == "sam@example.com sales: nephro/sales/never-reviewed/100")
        // Without --as-of, a finished cycle is judged as of its last day.
        let ended = try content.pending(cycle: ReviewCycle("2026-Q1"), now: TestRepository.date("2026-04-15T12:00:00Z"))
        #expect(ended.asOf == CalendarDate("2026-03-31"))
        #expect(lines(ended).first == "sam@example.com sales: nephro/sales/never-reviewed/85")
    }
}

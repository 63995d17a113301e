import ContentKit
import Foundation
import Testing
import TestSupport

/// Metrics against values worked out by hand on a small repository with known dates.
@Suite struct MetricsTests {
    /// Two zentrava modules and one lumidex module written on 5 January; a zentrava label change recorded on
    /// 20 February for 1 March; a lumidex launch recorded on 1 March for 10 March that nobody has signed for.
    func quarter() throws -> LibraryFixture {
        let library = try LibraryFixture()
        try library.module("dosing", "products: [zentrava]\nmarkets: [US]\nowner: maya@example.com")
        try library.module("safety", "products: [zentrava]\nmarkets: [US]\nowner: maya@example.com")
        try library.module("inhaler", "products: [lumidex]\nmarkets: [US]\nowner: jonas@example.com")
        try library.commit("three modules", at: "2026-01-05T09:00:00Z")
        try library.sign("safety", role: "sales", as: "sam", at: "2026-01-06T09:00:00Z")
        try library.sign("dosing", role: "sales", as: "sam", at: "2026-01-07T09:00:00Z")
        try library.sign("safety", role: "product", as: "pat", at: "2026-01-09T09:00:00Z")
        try library.sign("dosing", role: "product", as: "pat", at: "2026-01-15T09:00:00Z")
        try library.event("label", date: "2026-03-01")
        try library.commit("label change", at: "2026-02-20T10:00:00Z")
        try library.event("launch", date: "2026-03-10", "products: [lumidex]")
        try library.commit("lumidex launch", at: "2026-03-01T10:00:00Z")
        try library.sign("safety", role: "sales", as: "sam", at: "2026-03-02T09:00:00Z")
        try library.sign("dosing", role: "sales", as: "sam", at: "2026-03-03T09:00:00Z")
        try library.sign("dosing", role: "product", as: "pat", at: "2026-03-04T09:00:00Z")
        try library.sign("safety", role: "product", as: "pat", at: "2026-03-06T10:00:00Z")
        return library
    }

    @Test func eventResponseRunsFromEffectiveDateToTheLastClearingSignoff() throws {
        let library = try quarter()
        let metrics = try library.open().metrics(asOf: CalendarDate("2026-03-20"))
        let label = try #require(metrics.events.first { $0.id == "label" })
        #expect(label.modules == 2)
        #expect(label.required == 4)
        #expect(label.gathered == 4)
        #expect(label.clearedOn == CalendarDate("2026-03-06"))
        #expect(label.days == 5)
        let launch = try #require(metrics.events.first { $0.id == "launch" })
        #expect(launch.isOpen)
        #expect(launch.required == 2)
        #expect(launch.gathered == 0)
        #expect(launch.days == 10)
        #expect(launch.outcome == "open, running 10 days")
    }

    @Test func latencyIsMeasuredFromTheTextChangeToEachRolesFirstSignoff() throws {
        let library = try quarter()
        let metrics = try library.open().metrics(asOf: CalendarDate("2026-03-20"))
        let sales = try #require(metrics.latency.first { $0.role == "sales" })
        // safety 1 day, dosing 2 days; the March re-signs of the same text do not count again.
        #expect(sales.samples == [1, 2])
        #expect(sales.median == 1.5)
        #expect(abs((sales.p90 ?? 0) - 1.9) < 0.0001)
        let product = try #require(metrics.latency.first { $0.role == "product" })
        #expect(product.samples == [4, 10])
        #expect(product.median == 7)
        // The lumidex module has waited since 5 January: 74 days by 20 March.
        #expect(product.waiting == 1)
        #expect(product.oldestWaitingDays == 74)
    }

    @Test func coverageCountsCurrentActiveModulesPerProductMarketAndOwner() throws {
        let library = try quarter()
        let metrics = try library.open().metrics(asOf: CalendarDate("2026-03-20"))
        #expect((metrics.overall.current, metrics.overall.active, metrics.overall.percent) == (2, 3, 66))
        #expect(metrics.byProduct.map { "\($0.name) \($0.current)/\($0.active)" } == ["lumidex 0/1", "zentrava 2/2"])
        #expect(metrics.byMarket.map { "\($0.name) \($0.current)/\($0.active)" } == ["US 2/3"])
        #expect(metrics.byOwner.map { "\($0.name) \($0.current)/\($0.active)" } == ["jonas@example.com 0/1", "maya@example.com 2/2"])
    }

    @Test func sinceLeavesOutEarlierEventsAndSignoffs() throws {
        let library = try quarter()
        let metrics = try library.open().metrics(asOf: CalendarDate("2026-03-20"), since: CalendarDate("2026-03-05"))
        #expect(metrics.events.map(\.id) == ["launch"])
        #expect(metrics.latency.first { $0.role == "sales" }?.samples == [])
    }

    @Test func overdueModulesAreListedByHowLongTheyAreOverdue() throws {
        let library = try LibraryFixture()
        try library.module("quarterly", "products: [zentrava]\nmarkets: [US]\ncadence: quarterly")
        try library.commit("module", at: "2026-01-05T09:00:00Z")
        try library.approveByBothRoles("quarterly", at: "2026-01-10T10:00:00Z")
        let metrics = try library.open().metrics(asOf: CalendarDate("2026-04-20"))
        #expect(metrics.overdue.map { "\($0.id) \($0.due) \($0.days)" } == ["quarterly 2026-04-10 10"])
    }

    @Test func churnCountsModulesChangedPerMarketUpdate() throws {
        let library = try quarter()
        let content = try library.open()
        let tagger = library.environment("maya", at: "2026-03-31T12:00:00Z")
        _ = try content.markUpdate("2026-Q1", message: nil, environment: tagger)
        try library.module("dosing", "products: [zentrava]\nmarkets: [US]\nowner: maya@example.com", body: "New dose.\n")
        try library.module("inhaler", "products: [lumidex]\nmarkets: [US]\nowner: jonas@example.com", body: "New device.\n")
        try library.commit("two changes", at: "2026-05-05T09:00:00Z")
        _ = try library.open().markUpdate("2026-Q2", message: nil, environment: library.environment("maya", at: "2026-06-30T12:00:00Z"))
        let metrics = try library.open().metrics(asOf: CalendarDate("2026-07-01"))
        #expect(metrics.churn.map { "\($0.update) \($0.date) \($0.modulesChanged)" } == ["2026-Q2 2026-06-30 2"])
    }
}

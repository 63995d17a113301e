import ContentKit
import Foundation
import Testing
import TestSupport

/// Each verdict of PRODUCT.md, produced on a real repository by real sign-offs.
@Suite struct VerdictTests {
    @Test func unsignedModuleIsNeverReviewed() throws {
        let library = try LibraryFixture()
        try library.module("intro")
        try library.commit()
        #expect(try library.verdicts("intro", asOf: "2026-02-01") == [.neverReviewed])
    }

    @Test func signedByEveryRoleIsCurrent() throws {
        let library = try LibraryFixture()
        try library.module("intro")
        try library.commit()
        try library.approveByBothRoles("intro", at: "2026-01-10T10:00:00Z")
        let module = try #require(try library.review(asOf: "2026-02-01").modules.first { $0.id == "intro" })
        #expect(module.verdicts == [.current])
        #expect(module.reasons.first?.signoffs.map(\.role).sorted() == ["product", "sales"])
        #expect(module.reasons.first?.message.contains("next re-attestation due 2027-01-10") == true)
    }

    @Test func oneRoleMissingIsUnsignedChanges() throws {
        let library = try LibraryFixture()
        try library.module("intro")
        try library.commit()
        try library.sign("intro", role: "sales", as: "sam", at: "2026-01-10T10:00:00Z")
        let reasons = try library.reasons("intro", asOf: "2026-02-01")
        #expect(reasons.map(\.verdict) == [.unsignedChanges])
        #expect(reasons.first?.message.contains("product has not signed") == true)
    }

    @Test func textChangedAfterSignoffIsUnsignedChangesWithEvidence() throws {
        let library = try LibraryFixture()
        try library.module("intro")
        try library.commit()
        try library.approveByBothRoles("intro", at: "2026-01-10T10:00:00Z")
        try library.module("intro", body: "A changed claim.\n")
        let change = try library.commit("change the claim", at: "2026-01-20T10:00:00Z")
        let reason = try #require(try library.reasons("intro", asOf: "2026-02-01").first)
        #expect(reason.verdict == .unsignedChanges)
        #expect(reason.commits.map(\.id.hex) == [change])
        #expect(Set(reason.signoffs.map(\.role)) == ["sales", "product"])
        #expect(reason.message.contains("sales last signed an earlier version on 2026-01-10"))
    }

    @Test func bookkeepingEditKeepsTheModuleCurrent() throws {
        let library = try LibraryFixture()
        try library.module("intro", "products: [zentrava]\nowner: a@example.com")
        try library.commit()
        try library.approveByBothRoles("intro", at: "2026-01-10T10:00:00Z")
        try library.module("intro", "products: [zentrava]\nowner: b@example.com\ncadence: quarterly", body: "Body of the module.   \n\n\n")
        try library.commit("new owner, trailing spaces", at: "2026-01-20T10:00:00Z")
        #expect(try library.verdicts("intro", asOf: "2026-02-01") == [.current])
    }

    @Test func eventAfterSignoffMakesItStaleUntilSignedAgain() throws {
        let library = try LibraryFixture()
        try library.module("dosing")
        try library.module("other-product", "products: [lumidex]")
        try library.commit()
        try library.approveByBothRoles("dosing", at: "2026-01-10T10:00:00Z")
        try library.approveByBothRoles("other-product", at: "2026-01-10T10:00:00Z")
        try library.event("label", date: "2026-03-01")
        try library.commit("record label change", at: "2026-02-20T10:00:00Z")
        let reason = try #require(try library.reasons("dosing", asOf: "2026-03-02").first)
        #expect(reason.verdict == .stale)
        #expect(reason.events.map(\.id) == ["label"])
        #expect(reason.message.contains("not cleared by sales and product"))
        #expect(try library.verdicts("other-product", asOf: "2026-03-02") == [.current])
        try library.sign("dosing", role: "sales", as: "sam", at: "2026-03-05T10:00:00Z")
        let partly = try #require(try library.reasons("dosing", asOf: "2026-03-06").first)
        #expect(partly.verdict == .stale)
        #expect(partly.message.contains("not cleared by product"))
        try library.sign("dosing", role: "product", as: "pat", at: "2026-03-05T11:00:00Z")
        #expect(try library.verdicts("dosing", asOf: "2026-03-06") == [.current])
    }

    @Test func signoffWithinTheHorizonBeforeTheEventClearsIt() throws {
        let library = try LibraryFixture()
        try library.module("dosing")
        try library.event("label", date: "2026-03-01")
        try library.commit("module and known future change", at: "2026-01-20T10:00:00Z")
        try library.approveByBothRoles("dosing", at: "2026-02-10T10:00:00Z")
        #expect(try library.verdicts("dosing", asOf: "2026-03-15") == [.current])
    }

    @Test func signoffBeforeTheHorizonDoesNotClearTheEvent() throws {
        let library = try LibraryFixture()
        try library.module("dosing")
        try library.event("label", date: "2026-06-01")
        try library.commit("module and far future change", at: "2026-01-20T10:00:00Z")
        try library.approveByBothRoles("dosing", at: "2026-02-10T10:00:00Z")
        #expect(try library.verdicts("dosing", asOf: "2026-05-01") == [.current])
        #expect(try library.verdicts("dosing", asOf: "2026-05-15") == [.upcoming, .current])
        #expect(try library.verdicts("dosing", asOf: "2026-06-01") == [.stale])
    }

    @Test func eventRecordedLateIsNotClearedByEarlierSignoffs() throws {
        let library = try LibraryFixture()
        try library.module("dosing")
        try library.commit()
        try library.approveByBothRoles("dosing", at: "2026-02-25T10:00:00Z")
        try library.event("label", date: "2026-03-01")
        try library.commit("recorded after it took effect", at: "2026-03-10T10:00:00Z")
        #expect(try library.verdicts("dosing", asOf: "2026-03-11") == [.stale])
    }

    @Test func cadenceRunsOutAfterTheReviewDate() throws {
        let library = try LibraryFixture()
        try library.module("weekly", "products: [zentrava]\ncadence: weekly")
        try library.commit()
        try library.sign("weekly", role: "sales", as: "sam", at: "2026-01-10T10:00:00Z")
        try library.sign("weekly", role: "product", as: "pat", at: "2026-01-12T10:00:00Z")
        #expect(try library.verdicts("weekly", asOf: "2026-01-17") == [.current])
        let reason = try #require(try library.reasons("weekly", asOf: "2026-01-18").first)
        #expect(reason.verdict == .overdue)
        #expect(reason.message.contains("was due 2026-01-17"))
        #expect(reason.signoffs.map(\.role) == ["sales"])
    }

    @Test func expiresIsValidThroughItsDay() throws {
        let library = try LibraryFixture()
        try library.module("promo", "products: [zentrava]\nexpires: 2026-03-31")
        try library.commit()
        try library.approveByBothRoles("promo", at: "2026-01-10T10:00:00Z")
        #expect(try library.verdicts("promo", asOf: "2026-03-31") == [.current])
        #expect(try library.verdicts("promo", asOf: "2026-04-01") == [.expired])
    }

    @Test func upcomingEventWarnsWithoutBreakingCurrent() throws {
        let library = try LibraryFixture()
        try library.module("dosing")
        try library.commit()
        try library.approveByBothRoles("dosing", at: "2026-01-10T10:00:00Z")
        try library.event("label", date: "2026-03-01")
        try library.commit("future change", at: "2026-02-01T10:00:00Z")
        let module = try #require(try library.review(asOf: "2026-02-15").modules.first { $0.id == "dosing" })
        #expect(module.verdicts == [.upcoming, .current])
        #expect(module.reasons.first?.message.contains("takes effect 2026-03-01 (in 14 days)") == true)
        #expect(try library.verdicts("dosing", asOf: "2026-01-20") == [.current])
    }

    @Test func latestChangesRequestedOnCurrentTextIsReported() throws {
        let library = try LibraryFixture()
        try library.module("dosing")
        try library.commit()
        try library.sign("dosing", role: "product", as: "pat", at: "2026-01-10T10:00:00Z")
        try library.sign("dosing", role: "sales", as: "dana", at: "2026-01-10T11:00:00Z",
                         meaning: .changesRequested, comment: "the dosing table still shows the old maximum")
        let reasons = try library.reasons("dosing", asOf: "2026-01-20")
        #expect(reasons.map(\.verdict) == [.changesRequested, .unsignedChanges])
        #expect(reasons.first?.message.contains("the dosing table still shows the old maximum") == true)
        try library.sign("dosing", role: "sales", as: "dana", at: "2026-01-12T10:00:00Z")
        #expect(try library.verdicts("dosing", asOf: "2026-01-20") == [.current])
    }

    @Test func draftRetiredAndInvalidModules() throws {
        let library = try LibraryFixture()
        try library.module("wip", "status: draft")
        try library.module("old", "status: retired")
        try library.module("broken", "products: [zentrava\n")
        try library.module("fine")
        try library.commit()
        let report = try library.review(asOf: "2026-02-01")
        let verdicts = Dictionary(uniqueKeysWithValues: report.modules.map { ($0.id, $0.verdicts) })
        #expect(verdicts["wip"] == [.draft])
        #expect(verdicts["old"] == [.retired])
        #expect(verdicts["broken"] == [.invalid])
        #expect(verdicts["fine"] == [.neverReviewed])
        let broken = try #require(report.modules.first { $0.id == "broken" })
        #expect(broken.reasons.first?.message.hasPrefix("Content/broken.md:") == true)
        #expect(report.hasInvalidModules)
    }

    @Test func revokedSignoffCountsAsAbsent() throws {
        let library = try LibraryFixture()
        try library.module("intro")
        try library.commit()
        let plan = try library.sign(["intro"], role: "sales", as: "sam", at: "2026-01-10T10:00:00Z")
        try library.sign("intro", role: "product", as: "pat", at: "2026-01-10T11:00:00Z")
        #expect(try library.verdicts("intro", asOf: "2026-01-20") == [.current])
        let content = try library.open()
        let revocation = try content.planRevocation(of: try #require(plan.items.first).record.shortID, reason: "signed the wrong module",
                                                    environment: library.environment("sam", at: "2026-01-11T10:00:00Z"))
        try content.commit(revocation)
        let reasons = try library.reasons("intro", asOf: "2026-01-20")
        #expect(reasons.map(\.verdict) == [.unsignedChanges])
        #expect(reasons.first?.message.contains("sales has not signed") == true)
        let records = try content.listSignoffs(module: "intro")
        #expect(records.count == 3)
        #expect(records.filter(\.standing).count == 1)
    }

    @Test func eventsOutsideTheModuleScopeDoNotAffectIt() throws {
        let library = try LibraryFixture()
        try library.module("us-only", "products: [zentrava]\nmarkets: [US]")
        try library.module("global", "products: []\nmarkets: []")
        try library.commit()
        try library.approveByBothRoles("us-only", at: "2026-01-10T10:00:00Z")
        try library.approveByBothRoles("global", at: "2026-01-10T10:00:00Z")
        try library.event("de-change", date: "2026-02-01", "products: [zentrava]\nmarkets: [DE]")
        try library.commit("German change", at: "2026-01-20T10:00:00Z")
        #expect(try library.verdicts("us-only", asOf: "2026-02-10") == [.current])
        #expect(try library.verdicts("global", asOf: "2026-02-10") == [.stale])
    }
}

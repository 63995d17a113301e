import ContentKit
import Foundation
import TestSupport

/// A small content repository with a roster (sales: Sam for all markets, Dana for US; product: Pat)
/// and helpers to write modules and events and to sign off through contentctl's own API.
struct LibraryFixture {
    let repository: TestRepository

    static let roster = """
    roles:
      sales:
        - name: Sam Sales
          email: sam@example.com
        - name: Dana US
          email: dana@example.com
          markets: [US]
      product:
        - name: Pat Product
          email: pat@example.com
          products: [zentrava, lumidex]
    """

    init(start: String = "2026-01-05T09:00:00Z") throws {
        repository = try TestRepository(start: start)
        try repository.write("Content/roster.yml", Self.roster)
    }

    /// A fixture over an existing clone.
    init(existing: TestRepository) {
        repository = existing
    }

    /// Writes a module file with the given front matter lines (an `id:` is added unless given).
    func module(_ id: String, _ frontMatter: String = "products: [zentrava]\nmarkets: [US]", body: String = "Body of the module.\n", folder: String = "Content") throws {
        let lines = frontMatter.contains("id:") ? frontMatter : "id: \(id)\n" + frontMatter
        try repository.write("\(folder)/\(id).md", "---\ntitle: Module \(id)\n\(lines)\n---\n\n# Module \(id)\n\n\(body)")
    }

    func event(_ id: String, date: String, _ scope: String = "products: [zentrava]") throws {
        try repository.write("Content/changes/\(id).yml", "id: \(id)\nkind: label-change\ndate: \(date)\n\(scope)\nsummary: Event \(id)\n")
    }

    @discardableResult
    func commit(_ message: String = "edit", at date: String? = nil) throws -> String {
        try repository.commit(message, date: date.map(TestRepository.date))
    }

    func open() throws -> ContentRepository {
        try ContentRepository.open(at: repository.path)
    }

    static let people = ["sam": "Sam Sales", "dana": "Dana US", "pat": "Pat Product", "maya": "Maya Lindqvist"]

    func environment(_ person: String, at date: String) -> [String: String] {
        ["GIT_COMMITTER_NAME": Self.people[person] ?? person, "GIT_COMMITTER_EMAIL": "\(person)@example.com",
         "GIT_COMMITTER_DATE": date]
    }

    /// Signs through the product's API, as `contentctl signoff --yes` does.
    @discardableResult
    func sign(_ modules: [String], role: String, as person: String, at date: String,
              meaning: SignoffMeaning = .approved, comment: String = "") throws -> SignoffPlan {
        let content = try open()
        let plan = try content.planSignoff(SignoffRequest(modules: modules, role: role, meaning: meaning, comment: comment,
                                                          environment: environment(person, at: date)))
        try content.commit(plan)
        return plan
    }

    func sign(_ module: String, role: String, as person: String, at date: String,
              meaning: SignoffMeaning = .approved, comment: String = "") throws {
        try sign([module], role: role, as: person, at: date, meaning: meaning, comment: comment)
    }

    /// Sales (Sam) and product (Pat) both approve.
    func approveByBothRoles(_ module: String, at date: String) throws {
        try sign(module, role: "sales", as: "sam", at: date)
        try sign(module, role: "product", as: "pat", at: date)
    }

    func review(asOf day: String) throws -> ReviewReport {
        try open().review(asOf: CalendarDate(day))
    }

    func verdicts(_ module: String, asOf day: String) throws -> [Verdict] {
        try review(asOf: day).modules.first { $0.id == module }?.verdicts ?? []
    }

    func reasons(_ module: String, asOf day: String) throws -> [Reason] {
        try review(asOf: day).modules.first { $0.id == module }?.reasons ?? []
    }
}

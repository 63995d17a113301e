import Foundation
import Testing
import TestSupport

/// The commands as a user runs them: output, exit status and what lands in the repository.
@Suite struct CommandTests {
    static let dan = ["GIT_COMMITTER_NAME": "Dan Okafor", "GIT_COMMITTER_EMAIL": "dan.okafor@helixora.example"]
    static let priya = ["GIT_COMMITTER_NAME": "Priya Raman", "GIT_COMMITTER_EMAIL": "priya.raman@helixora.example"]

    /// The sample library committed in a fresh repository, with zentrava-dosing approved by sales and product.
    func sampleRepository() throws -> TestRepository {
        let repository = try TestRepository(start: "2026-11-02T09:00:00Z")
        try repository.copySampleLibrary()
        try repository.commit("sample library")
        let sales = try CLI.run(["signoff", "zentrava-dosing", "--role", "sales", "--yes"], in: repository, environment: Self.dan)
        #expect(sales.status == 0, "\(sales.stderr)")
        let product = try CLI.run(["signoff", "zentrava-dosing", "--role", "product", "--yes"], in: repository,
                                  environment: Self.priya.merging(["GIT_COMMITTER_DATE": "2026-11-02T11:00:00Z"]) { $1 })
        #expect(product.status == 0, "\(product.stderr)")
        return repository
    }

    /// Runs a shell command line under `script`, so contentctl sees a terminal on stdin and stdout.
    func onTerminal(_ command: String, in repository: TestRepository, environment: [String: String], input: String? = nil) throws -> Command.Result {
        var merged: [String: String] = repository.environment()
        for (key, value) in environment { merged[key] = value }
        return try Command.run("/usr/bin/script", ["-qec", command, "/dev/null"], in: repository.path, environment: merged, input: input)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func reviewJSONHasTheDocumentedShape() throws {
        let repository = try sampleRepository()
        let result = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "json"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(document["asOf"] as? String == "2026-11-20")
        #expect(document["head"] as? String == (try repository.head()))
        let modules = try #require(document["modules"] as? [[String: Any]])
        #expect(modules.count == 24)
        let dosing = try #require(modules.first { $0["id"] as? String == "zentrava-dosing" })
        #expect(dosing["path"] as? String == "Content/products/zentrava/zentrava-dosing.md")
        // The US contraindication (10 December) is within the 30-day horizon and was recorded before the sign-offs could clear it.
        #expect(dosing["verdicts"] as? [String] == ["upcoming", "current"])
        #expect((dosing["fingerprint"] as? String)?.hasPrefix("fp1:sha256:") == true)
        let lastChanged = try #require(dosing["lastChanged"] as? [String: Any])
        #expect(lastChanged["commit"] as? String == (try repository.git("log", "-1", "--format=%H", "--", "Content/products/zentrava/zentrava-dosing.md").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(lastChanged["date"] as? String == "2026-11-02T09:00:00Z")
        #expect((dosing["signoffs"] as? [[String: Any]])?.count == 2)
        let welcome = try #require(modules.first { $0["id"] as? String == "welcome-to-helixora" })
        #expect(welcome["verdicts"] as? [String] == ["never-reviewed", "upcoming"])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect((summary["verdicts"] as? [String: Int])?["current"] == 1)
        #expect((summary["verdicts"] as? [String: Int])?["draft"] == 1)
        #expect((summary["markets"] as? [String: Any])?["NO"] != nil)
    }

    @Test func strictReviewFailsWhenAnActiveModuleIsNotCurrent() throws {
        let repository = try sampleRepository()
        let strict = try CLI.run(["review", "--as-of", "2026-11-20", "--strict"], in: repository)
        #expect(strict.status == 1)
        #expect(strict.stderr.range(of: #"contentctl: [0-9]+ active modules are not current"#, options: .regularExpression) != nil, "\(strict.stderr)")
        #expect(strict.stdout.contains("upcoming, current  zentrava-dosing  Zentrava dosing and administration"))
        let relaxed = try CLI.run(["review", "--as-of", "2026-11-20"], in: repository)
        #expect(relaxed.status == 0)
    }

    /// Output that cannot be written (here a full disk) is an error, not a silent success with nothing written.
    /// The executable allocates through mimalloc, which it links for speed: mimalloc, asked to be verbose, says it
    /// started in this process.
    @Test func theExecutableAllocatesThroughMimalloc() throws {
        let repository = try TestRepository()
        let result = try CLI.run(["--version"], in: repository, environment: ["MIMALLOC_VERBOSE": "1"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("mimalloc: process init"))
    }

    @Test func aStandardOutputThatCannotBeWrittenFailsInOneLine() throws {
        let repository = try sampleRepository()
        let result = try Command.run("/bin/sh", ["-c", "\"$0\" review --as-of 2026-11-20 > /dev/full", CLI.binary],
                                     in: repository.path, environment: repository.environment())
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("contentctl: cannot write to standard output: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func reviewWithAnInvalidModuleStillReviewsTheRest() throws {
        let repository = try TestRepository()
        try repository.copySampleLibrary(keepingInvalidModule: true)
        try repository.commit("sample library")
        let result = try CLI.run(["review", "--as-of", "2026-12-01", "--format", "json"], in: repository)
        #expect(result.status == 65)
        #expect(result.stderr == "contentctl: Content/compliance/sunshine-act-reporting.md:14: expires must be a date written YYYY-MM-DD, not '31.12.2026'\n")
        let modules = try #require(try json(result.stdout)["modules"] as? [[String: Any]])
        #expect(modules.count == 25)
        let broken = try #require(modules.first { $0["path"] as? String == TestRepository.deliberatelyInvalidSampleModule })
        #expect(broken["verdicts"] as? [String] == ["invalid"])
    }

    @Test func markdownReviewIsATableWithReasons() throws {
        let repository = try sampleRepository()
        let result = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "markdown"], in: repository)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Training content review 2026-Q4\n\nAs of 2026-11-20 (UTC)"))
        #expect(result.stdout.contains("### Zentrava dosing and administration (`zentrava-dosing`)\n"))
        #expect(result.stdout.contains("### Welcome to Helixora Pharma (`welcome-to-helixora`)\n\n`Content/onboarding/welcome-to-helixora.md`"))
        #expect(result.stdout.contains("- **never-reviewed**: no sales and product sign-off on any version of this module"))
    }

    @Test func colourOnlyOnATerminalAndNeverUnderNoColor() throws {
        let repository = try sampleRepository()
        let piped = try CLI.run(["review", "--as-of", "2026-11-20"], in: repository, environment: ["NO_COLOR": ""])
        #expect(!piped.stdout.contains("\u{1B}["))
        let terminal = try onTerminal("\(CLI.binary) review --as-of 2026-11-20", in: repository, environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(terminal.stdout.contains("\u{1B}[32mcurrent\u{1B}[0m"))
        let noColor = try onTerminal("\(CLI.binary) review --as-of 2026-11-20", in: repository, environment: ["NO_COLOR": "1", "TERM": "xterm"])
        #expect(noColor.stdout.contains("current  zentrava-dosing"))
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func signoffOnATerminalShowsTheChangeAndAsks() throws {
        let repository = try sampleRepository()
        let path = "Content/products/zentrava/zentrava-dosing.md"
        try repository.write(path, try repository.read(path).replacingOccurrences(of: "15 mg once daily with the evening meal", with: "15 mg once daily with food"))
        try repository.commit("dosing wording")
        let command = "\(CLI.binary) signoff zentrava-dosing --role sales"
        let declined = try onTerminal(command, in: repository, environment: Self.dan, input: "n\n")
        #expect(declined.stdout.contains("diff sales sign-off by Dan Okafor on 2026-11-02T10:00:00Z"))
        #expect(declined.stdout.contains("modified  zentrava-dosing  Content/products/zentrava/zentrava-dosing.md  (+1 -3 words)"))
        #expect(declined.stdout.contains("| Stroke prevention in non-valvular atrial fibrillation | 15 mg once daily with [-the evening meal-]{+food+} | Long term |"))
        #expect(declined.stdout.contains("Sign off 1 module as sales (approved)? [y/N]"))
        #expect(declined.stdout.contains("not confirmed; nothing was recorded"))
        #expect(try repository.git("log", "-1", "--format=%s") == "dosing wording\n")
        let accepted = try onTerminal(command, in: repository, environment: Self.dan, input: "y\n")
        #expect(accepted.stdout.contains("Recorded 1 unsigned (attestation) record on main"))
        #expect(try repository.git("log", "-1", "--format=%s") == "signoff: sales approved zentrava-dosing\n")
    }

    @Test func signoffWithoutATerminalNeedsYes() throws {
        let repository = try sampleRepository()
        let result = try CLI.run(["signoff", "lumidex-product-essentials", "--role", "product"], in: repository,
                                 environment: ["GIT_COMMITTER_NAME": "Oliver Hartley", "GIT_COMMITTER_EMAIL": "oliver.hartley@helixora.example"])
        #expect(result.status == 64)
        #expect(result.stderr == "contentctl: confirmation needed: run this on a terminal to review the text, or pass --yes\n")
    }

    @Test func refusedSignoffExits67WithOneLine() throws {
        let repository = try sampleRepository()
        let left = try CLI.run(["signoff", "nephrova-product-essentials", "--role", "sales", "--yes"], in: repository,
                               environment: ["GIT_COMMITTER_NAME": "Marc Delaunay", "GIT_COMMITTER_EMAIL": "marc.delaunay@helixora.example",
                                             "GIT_COMMITTER_DATE": "2026-11-20T10:00:00Z"])
        #expect(left.status == 67)
        #expect(left.stderr == "contentctl: Marc Delaunay may sign for 'sales' only from 2025-01-01 through 2026-06-30; today is 2026-11-20\n")
        let changes = try CLI.run(["signoff", "zentrava-dosing", "--role", "sales", "--meaning", "changes-requested", "--yes"], in: repository, environment: Self.dan)
        #expect(changes.status == 64)
        #expect(changes.stderr.contains("--meaning changes-requested needs --comment"))
    }

    @Test func signoffsListShowAndRevoke() throws {
        let repository = try sampleRepository()
        let list = try CLI.run(["signoffs", "list", "--format", "json"], in: repository)
        let records = try #require(try json(list.stdout)["signoffs"] as? [[String: Any]])
        #expect(records.map { $0["role"] as? String } == ["sales", "product"])
        let id = try #require(records.first?["id"] as? String)
        let show = try CLI.run(["signoffs", "show", String(id.prefix(8))], in: repository)
        #expect(show.status == 0)
        #expect(show.stdout.contains("Reviewer    Dan Okafor <dan.okafor@helixora.example> (id dan.okafor@helixora.example)"))
        #expect(show.stdout.contains("Kind        attestation (unsigned)"))
        let revoke = try CLI.run(["signoff", "revoke", String(id.prefix(8)), "--reason", "approved the wrong version", "--yes"], in: repository, environment: Self.dan)
        #expect(revoke.status == 0, "\(revoke.stderr)")
        let table = try CLI.run(["signoffs", "zentrava-dosing"], in: repository)
        #expect(table.stdout.contains("approved (revoked)"))
        #expect(table.stdout.contains("revoked"))
        let review = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "json"], in: repository)
        let dosing = try #require((try json(review.stdout)["modules"] as? [[String: Any]])?.first { $0["id"] as? String == "zentrava-dosing" })
        #expect(dosing["verdicts"] as? [String] == ["unsigned-changes", "upcoming"])
        #expect(try CLI.run(["signoffs", "show", "ffff0000"], in: repository).status == 66)
        #expect(try CLI.run(["signoffs", "list", "no-such-module"], in: repository).status == 66)
    }

    @Test func modulesAndChangeImpactBeforeCommitting() throws {
        let repository = try sampleRepository()
        let modules = try CLI.run(["modules", "--format", "json"], in: repository)
        #expect(modules.status == 0)
        let listed = try #require(try json(modules.stdout)["modules"] as? [[String: Any]])
        #expect(listed.count == 24)
        try repository.write("Content/changes/zentrava-no-reimbursement.yml", """
        id: zentrava-no-reimbursement
        kind: formulary
        date: 2027-01-01
        products: [zentrava]
        markets: [NO]
        summary: Zentrava loses general reimbursement in Norway.
        """)
        let impact = try CLI.run(["changes", "--impact", "Content/changes/zentrava-no-reimbursement.yml", "--format", "json"], in: repository)
        #expect(impact.status == 0, "\(impact.stderr)")
        let event = try #require((try json(impact.stdout)["events"] as? [[String: Any]])?.first)
        #expect(event["recorded"] is NSNull)
        let affected: [String] = event["modules"] as? [String] ?? []
        let expected: [String] = ["adverse-event-reporting", "copd-and-asthma-primer", "first-90-days", "hcp-interactions-europe",
                                  "welcome-to-helixora", "zentrava-mechanism-and-indications", "zentrava-safety-and-contraindications"]
        #expect(affected.sorted() == expected)
        let people: [[String: Any]] = event["reviewers"] as? [[String: Any]] ?? []
        let reviewers: [String] = people.compactMap { $0["email"] as? String }
        #expect(reviewers.contains("ingrid.solberg@helixora.example"))
        #expect(reviewers.contains("samuel.brandt@helixora.example"))
        let all = try CLI.run(["changes"], in: repository)
        #expect(all.stdout.contains("2026-12-10  zentrava-us-contraindication  label-change  (zentrava in US)"))
        #expect(all.stdout.contains("recorded: 2026-11-02T09:00:00Z"))
        // Files not committed yet have no history: the full listing says so, and a new module has no last change.
        #expect(all.stdout.contains("zentrava-no-reimbursement  formulary  (zentrava in NO)\n    Zentrava loses general reimbursement in Norway.\n    recorded: not committed yet"),
                "\(all.stdout)")
        try repository.write("Content/onboarding/brand-new.md", "---\nid: brand-new\ntitle: Brand new\n---\nBody\n")
        let withNew = try CLI.run(["modules", "--format", "json"], in: repository)
        let rows = try #require(try json(withNew.stdout)["modules"] as? [[String: Any]])
        #expect(rows.first { $0["id"] as? String == "brand-new" }?["lastChanged"] is NSNull)
        #expect(rows.first { $0["id"] as? String == "welcome-to-helixora" }?["lastChanged"] is [String: Any])
        // Previewing a committed event file says when it was recorded, as the full listing does.
        let committed = try CLI.run(["changes", "--impact", "Content/changes/zentrava-us-contraindication.yml"], in: repository)
        #expect(committed.status == 0, "\(committed.stderr)")
        #expect(committed.stdout.contains("recorded: 2026-11-02T09:00:00Z"), "\(committed.stdout)")
    }

    @Test func initAndNewScaffoldAWorkingLibrary() throws {
        let scratch = try TestRepository()
        let folder = scratch.path + "/training"
        let created = try Command.run(CLI.binary, ["init", folder], in: scratch.path, environment: scratch.environment())
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("created  contentctl.yml"))
        #expect(FileManager.default.fileExists(atPath: folder + "/.git"))
        let again = try Command.run(CLI.binary, ["init", folder], in: scratch.path, environment: scratch.environment())
        #expect(again.stdout.contains("kept     Content/roster.yml (already there)"))
        let new = try Command.run(CLI.binary, ["new", "zentrava-dosing", "--template", "product", "--title", "Zentrava: dosing \"quick\" card"],
                                  in: folder, environment: scratch.environment())
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout.hasPrefix("Created Content/products/zentrava-dosing.md"))
        let modules = try Command.run(CLI.binary, ["modules", "--format", "json"], in: folder, environment: scratch.environment())
        #expect(modules.status == 0, "\(modules.stderr)")
        let module = try #require((try json(modules.stdout)["modules"] as? [[String: Any]])?.first)
        #expect(module["id"] as? String == "zentrava-dosing")
        #expect(module["title"] as? String == "Zentrava: dosing \"quick\" card")
        #expect(module["status"] as? String == "draft")
        #expect(module["owner"] as? String == scratch.authorEmail)
        let duplicate = try Command.run(CLI.binary, ["new", "zentrava-dosing", "--template", "product"], in: folder, environment: scratch.environment())
        #expect(duplicate.status == 65)
        let unknown = try Command.run(CLI.binary, ["new", "x", "--template", "brochure"], in: folder, environment: scratch.environment())
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no template for type 'brochure' (templates: coaching, competitive, compliance, objection-handling, onboarding, product)"))
        let untitled = try Command.run(CLI.binary, ["new", "untitled", "--template", "product", "--title", "  "], in: folder, environment: scratch.environment())
        #expect(untitled.status == 64)
        #expect(untitled.stderr == "contentctl: --title is empty: give the module a title, or leave --title out to make one from the id\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/Content/products/untitled.md"))
    }

    @Test func repositoryTemplateOverridesTheBuiltInOneAndBrokenTemplatesNameTheirLine() throws {
        let repository = try TestRepository()
        try repository.write("Content/roster.yml", "roles:\n  sales: []\n  product: []\n")
        try repository.write("Templates/modules/product.md.mustache", "---\nid: {{id}}\ntitle: {{title_yaml}}\nstatus: draft\n---\nHouse style for {{title}}.\n")
        try repository.write("Templates/modules/broken.md.mustache", "---\nid: {{id}}\n{{#section}}\nnever closed\n")
        let new = try CLI.run(["new", "house", "--template", "product"], in: repository)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(try repository.read("Content/products/house.md") == "---\nid: house\ntitle: \"House\"\nstatus: draft\n---\nHouse style for House.\n")
        let broken = try CLI.run(["new", "other", "--template", "broken"], in: repository)
        #expect(broken.status == 65)
        #expect(broken.stderr.hasPrefix("contentctl: Templates/modules/broken.md.mustache:"))
        #expect(broken.stderr.contains("broken template"))
    }
}

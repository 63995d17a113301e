import Foundation
import Testing
import TestSupport

/// Bad input, each on a real repository: the sample library is committed, then one bad file, then the command
/// runs. Fatal errors give exit 65 (or 64, 67, 69), one line on stderr naming the file and what is wrong,
/// nothing on stdout and nothing written; an unreadable module is `invalid` while the rest is still reviewed.
@Suite struct BadInputTests {
    // MARK: - YAML typed the way the user means it

    @Test func yamlScalarsKeepTheTextTheUserTypedSoNorwayMatchesNorway() throws {
        let repository = try sampleRepository()
        try repository.write("Content/products/nordic-pricing.md", """
            ---
            id: nordic-pricing
            title: 1.10
            products: [012]
            markets: [NO, DE]
            signoff_roles: [sales]
            ---
            # Nordic pricing

            Body.
            """)
        try repository.write("Content/changes/norway-pricing.yml", """
            id: norway-pricing
            kind: pricing
            date: 2026-06-15
            markets: [NO]
            summary: Norwegian list prices change.
            """)
        try repository.commit("Nordic module and a Norwegian event")

        let (review, json) = try reviewJSON(repository)
        #expect(review.status == 0)
        #expect(review.stderr.isEmpty)
        let module = try #require(moduleWithID("nordic-pricing", in: json))
        #expect(module["title"] as? String == "1.10")
        #expect(module["products"] as? [String] == ["012"])
        #expect(module["markets"] as? [String] == ["NO", "DE"])
        let upcoming = try #require(reasons(of: module).first { $0["verdict"] as? String == "upcoming" })
        let events = try #require(upcoming["events"] as? [[String: Any]])
        #expect(events.map { $0["id"] as? String } == ["norway-pricing"])
        #expect(events.map { $0["date"] as? String } == ["2026-06-15"])

        let changes = try CLI.run(["changes", "--format", "json"], in: repository)
        #expect(changes.status == 0)
        #expect(changes.stderr.isEmpty)
        let listing = try #require(try JSONSerialization.jsonObject(with: Data(changes.stdout.utf8)) as? [String: Any])
        let event = try #require((listing["events"] as? [[String: Any]])?.first { $0["id"] as? String == "norway-pricing" })
        let scope = try #require(event["scope"] as? [String: Any])
        #expect(scope["markets"] as? [String] == ["NO"])
        let affected = try #require(event["modules"] as? [String])
        #expect(affected.contains("nordic-pricing"))
        // The scope is really matched: a US-only sample module is not touched by a Norwegian event.
        #expect(!affected.contains("reinforcement-after-training"))
    }

    // MARK: - Modules that cannot be read are invalid; the rest is still reviewed

    struct BadModule: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: Data
        /// The lines the product may name (nil: the whole file, no line).
        let lines: ClosedRange<Int>?
        let says: String
        var testDescription: String { name }

        static let all: [BadModule] = [
            BadModule(name: "malformed YAML (unclosed flow sequence)",
                      bytes: Data("---\nid: bad-module\ntitle: [unclosed\n---\nBody\n".utf8),
                      lines: 3...4, says: "malformed YAML"),
            BadModule(name: "front matter never closed",
                      bytes: Data("---\nid: bad-module\ntitle: Never closed\n\nBody\n".utf8),
                      lines: 1...1, says: "never closed"),
            BadModule(name: "bytes that are not UTF-8 in the body",
                      bytes: Data("---\nid: bad-module\ntitle: Bytes\n---\nBody ".utf8) + Data([0xFF, 0xFE]) + Data(" here\n".utf8),
                      lines: 5...5, says: "not valid UTF-8"),
            BadModule(name: "a NUL byte in the body",
                      bytes: Data("---\nid: bad-module\ntitle: Nul\n---\nBody ".utf8) + Data([0x00]) + Data(" here\n".utf8),
                      lines: 5...5, says: "NUL byte"),
            BadModule(name: "a duplicate front-matter key",
                      bytes: Data("---\nid: bad-module\ntitle: One\nmarkets: [DE]\ntitle: Two\n---\nBody\n".utf8),
                      lines: 3...5, says: "duplicate key title"),
            BadModule(name: "expires on 30 February",
                      bytes: Data("---\nid: bad-module\ntitle: February\nexpires: 2026-02-30\n---\nBody\n".utf8),
                      lines: 4...4, says: "expires must be a date"),
            BadModule(name: "an alias bomb in the front matter",
                      bytes: Data(("---\nid: bad-module\ntitle: Bomb\n" + aliasBomb + "---\nBody\n").utf8),
                      lines: 4...4, says: "anchors and aliases are not allowed"),
            BadModule(name: "a module over the 1 MiB size cap",
                      bytes: Data(("---\nid: bad-module\ntitle: Big\n---\n" + String(repeating: "Lorem ipsum dolor sit amet.\n", count: 40_000)).utf8),
                      lines: nil, says: "larger than"),
        ]
    }

    @Test(arguments: BadModule.all)
    func unreadableModuleIsInvalidAndTheRestIsStillReviewed(_ bad: BadModule) throws {
        let repository = try sampleRepository()
        let before = try reviewJSON(repository)
        try #require(before.result.status == 0)
        let sampleIDs = Set(moduleList(before.json).compactMap { $0["id"] as? String })

        let path = "Content/onboarding/bad-module.md"
        try repository.write(path, bad.bytes)
        try repository.commit("Add \(bad.name)")

        // Guarded by a time limit: an alias bomb once hung the review until the machine ran out of memory.
        let (result, json) = try reviewJSON(repository, timeLimit: 30)
        #expect(result.status == 65)
        let modules = moduleList(json)
        let invalid = modules.filter { ($0["verdicts"] as? [String])?.contains("invalid") == true }
        #expect(invalid.map { $0["path"] as? String } == [path])
        #expect((invalid.first?["verdicts"] as? [String]) == ["invalid"])
        let message = try #require(invalid.first.flatMap { reasons(of: $0).first?["message"] as? String })
        let location = try #require(message.split(separator: " ", maxSplits: 1).first.map(String.init))
        if let lines = bad.lines {
            let line = location.hasPrefix(path + ":") ? Int(location.dropFirst(path.count + 1).dropLast()) : nil
            #expect(line.map { lines.contains($0) } == true, "expected \(path):\(lines): in \(message)")
        } else {
            #expect(location == path + ":", "expected \(path): in \(message)")
        }
        #expect(message.contains(bad.says), "\(message)")
        #expect(result.stderr == "contentctl: \(message)\n")
        // Every sample module is still there, with a verdict of its own.
        let otherIDs = Set(modules.filter { $0["path"] as? String != path }.compactMap { $0["id"] as? String })
        #expect(otherIDs == sampleIDs)
        #expect(modules.count == sampleIDs.count + 1)
        #expect(try repository.git("status", "--porcelain").isEmpty)
    }

    @Test func byteOrderMarkCRLFAndTabsReadLikeThePlainFile() throws {
        let repository = try sampleRepository()
        func module(_ id: String) -> String {
            "---\nid: \(id)\ntitle: Line ends\nmarkets: [DE]\nsignoff_roles: [sales]\n---\n# Line ends\n\n\tIndented\twith tabs.\n"
        }
        let bom = Data([0xEF, 0xBB, 0xBF])
        let crlf = { (text: String) in Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }
        try repository.write("Content/onboarding/eol-lf.md", module("eol-lf"))
        try repository.write("Content/onboarding/eol-bom.md", bom + Data(module("eol-bom").utf8))
        try repository.write("Content/onboarding/eol-crlf.md", crlf(module("eol-crlf")))
        try repository.write("Content/onboarding/eol-bom-crlf.md", bom + crlf(module("eol-bom-crlf")))
        try repository.commit("The same module four ways")

        let (result, json) = try reviewJSON(repository)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect((json["warnings"] as? [String]) == [])
        var fingerprints: Set<String> = []
        for id in ["eol-lf", "eol-bom", "eol-crlf", "eol-bom-crlf"] {
            let module = moduleWithID(id, in: json)
            #expect(module != nil, "no module with id \(id): its front matter was not read")
            guard let module else { continue }
            #expect(module["title"] as? String == "Line ends")
            #expect(module["markets"] as? [String] == ["DE"])
            #expect(module["signoffRoles"] as? [String] == ["sales"])
            #expect(module["verdicts"] as? [String] == ["never-reviewed"])
            if let fingerprint = module["fingerprint"] as? String { fingerprints.insert(fingerprint) }
        }
        // The fingerprint normalises line ends, so all four are the same text.
        #expect(fingerprints.count == 1)
    }

    @Test func documentEndMarkerDoesNotCloseTheFrontMatter() throws {
        // Were `...` to close front matter, `markets: [DE]` after it would silently become body text and the
        // module would apply to every market. Only `---` closes it, so the second YAML document is an error.
        let repository = try sampleRepository()
        try repository.write("Content/onboarding/dots.md", "---\nid: dots\ntitle: Dots\n...\nmarkets: [DE]\n---\nBody\n")
        try repository.commit("Front matter with a document end marker")
        let (result, json) = try reviewJSON(repository)
        #expect(result.status == 65)
        let module = try #require(moduleList(json).first { $0["path"] as? String == "Content/onboarding/dots.md" })
        #expect(module["verdicts"] as? [String] == ["invalid"])
        #expect(result.stderr.hasPrefix("contentctl: Content/onboarding/dots.md:"))
    }

    @Test func ampersandsAndAsterisksInTextAreNotAnchorsOrAliases() throws {
        let repository = try sampleRepository()
        try repository.write("Content/onboarding/ampersands.md", """
            ---
            id: ampersands
            title: Price & formulary *objections* for R&D
            audience: [R&D, "&team", "*stars*"]
            # a comment with &anchor and *alias
            ---
            Body with &a and *b* and

            ---
            """)
        try repository.commit("Ampersands and asterisks")
        let (result, json) = try reviewJSON(repository)
        #expect(result.status == 0)
        let module = try #require(moduleWithID("ampersands", in: json))
        #expect(module["title"] as? String == "Price & formulary *objections* for R&D")
        #expect(!((module["verdicts"] as? [String]) ?? []).contains("invalid"))
    }

    @Test func moduleIDUsedTwiceMakesBothInvalidNamingTheOther() throws {
        let repository = try sampleRepository()
        let before = try reviewJSON(repository)
        let sampleIDs = Set(moduleList(before.json).compactMap { $0["id"] as? String })
        try repository.write("Content/onboarding/one.md", "---\nid: same-id\ntitle: One\n---\nBody\n")
        try repository.write("Content/coaching/two.md", "---\nid: same-id\ntitle: Two\n---\nBody\n")
        try repository.commit("Two modules with one id")

        let (result, json) = try reviewJSON(repository)
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("contentctl: Content/"))
        #expect(result.stderr.hasSuffix(" (and 1 more invalid module file)\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let modules = moduleList(json)
        let invalid = modules.filter { ($0["verdicts"] as? [String]) == ["invalid"] }
        #expect(Set(invalid.compactMap { $0["path"] as? String }) == ["Content/onboarding/one.md", "Content/coaching/two.md"])
        for (path, other) in [("Content/onboarding/one.md", "Content/coaching/two.md"), ("Content/coaching/two.md", "Content/onboarding/one.md")] {
            let module = try #require(modules.first { $0["path"] as? String == path })
            let message = try #require(reasons(of: module).first?["message"] as? String)
            #expect(message.hasPrefix(path + ":"))
            #expect(message.contains("same-id"))
            #expect(message.contains(other))
        }
        let others = Set(modules.filter { ($0["verdicts"] as? [String]) != ["invalid"] }.compactMap { $0["id"] as? String })
        #expect(others == sampleIDs)
    }

    // MARK: - Broken config, event and roster files stop the command

    struct FatalFile: Sendable, CustomTestStringConvertible {
        let name: String
        /// Files written (whole) on top of the sample library.
        let files: [String: String]
        /// The start of the one stderr line: `contentctl: FILE:LINE: ` (or `contentctl: FILE:` when any line will do).
        let prefix: String
        let says: [String]
        var testDescription: String { name }
    }

    static let badEvents: [FatalFile] = [
        FatalFile(name: "event date 'next tuesday'",
                  files: ["Content/changes/bad-event.yml": "id: bad-event\nkind: pricing\ndate: next tuesday\nmarkets: [NO]\nsummary: S\n"],
                  prefix: "contentctl: Content/changes/bad-event.yml:3: ", says: ["date", "next tuesday"]),
        FatalFile(name: "event without a date",
                  files: ["Content/changes/bad-event.yml": "id: bad-event\nkind: pricing\nmarkets: [NO]\nsummary: S\n"],
                  prefix: "contentctl: Content/changes/bad-event.yml:", says: ["no date"]),
        FatalFile(name: "event without products, markets or scope: all",
                  files: ["Content/changes/bad-event.yml": "id: bad-event\nkind: pricing\ndate: 2026-05-01\nsummary: S\n"],
                  prefix: "contentctl: Content/changes/bad-event.yml:", says: ["no product or market"]),
        FatalFile(name: "event with scope: all and markets",
                  files: ["Content/changes/bad-event.yml": "id: bad-event\nkind: pricing\ndate: 2026-05-01\nscope: all\nmarkets: [NO]\nsummary: S\n"],
                  prefix: "contentctl: Content/changes/bad-event.yml:", says: ["scope: all", "markets"]),
        FatalFile(name: "event with an unknown key",
                  files: ["Content/changes/bad-event.yml": "id: bad-event\nkind: pricing\ndate: 2026-05-01\nmarkets: [NO]\nsumary: S\nsummary: S\n"],
                  prefix: "contentctl: Content/changes/bad-event.yml:5: ", says: ["unknown key", "sumary"]),
        FatalFile(name: "event market outside the configured vocabulary",
                  files: ["contentctl.yml": "vocabularies:\n  markets: [US, DE, AT, GB, FR, NO]\n",
                          "Content/changes/bad-event.yml": "id: bad-event\nkind: pricing\ndate: 2026-05-01\nmarkets: [USA]\nsummary: S\n"],
                  prefix: "contentctl: Content/changes/bad-event.yml:4: ", says: ["USA", "vocabulary"]),
        FatalFile(name: "event with an alias bomb",
                  files: ["Content/changes/bad-event.yml": "id: bad-event\nkind: pricing\ndate: 2026-05-01\nmarkets: [NO]\nsummary: S\n" + aliasBomb],
                  prefix: "contentctl: Content/changes/bad-event.yml:6: ", says: ["anchors and aliases"]),
    ]

    @Test(arguments: badEvents)
    func badEventFileStopsReviewAndChanges(_ bad: FatalFile) throws {
        let repository = try sampleRepository()
        try apply(bad, to: repository)
        try expectFatal(["review", "--as-of", "2026-06-01"], in: repository, 65, bad)
        try expectFatal(["changes"], in: repository, 65, bad)
    }

    static let badConfigsAndRosters: [FatalFile] = [
        FatalFile(name: "unknown config key",
                  files: ["contentctl.yml": "contnet: Content\n"],
                  prefix: "contentctl: contentctl.yml:1: ", says: ["unknown key", "contnet"]),
        FatalFile(name: "alias bomb in contentctl.yml",
                  files: ["contentctl.yml": aliasBomb],
                  prefix: "contentctl: contentctl.yml:1: ", says: ["anchors and aliases"]),
        FatalFile(name: "unknown key in a roster person",
                  files: ["Content/roster.yml": smallRoster(danExtra: "      mail: dan.okafor@helixora.example\n")],
                  prefix: "contentctl: Content/roster.yml:5: ", says: ["unknown key", "mail"]),
        FatalFile(name: "roster id with a space (records could not hold it)",
                  files: ["Content/roster.yml": smallRoster(danExtra: "      id: dan okafor\n")],
                  prefix: "contentctl: Content/roster.yml:5: ", says: ["Dan Okafor", "id must be a word without spaces"]),
        FatalFile(name: "roster email with a no-break space",
                  files: ["Content/roster.yml": smallRoster().replacingOccurrences(of: "dan.okafor@", with: "dan\u{00A0}okafor@")],
                  prefix: "contentctl: Content/roster.yml:4: ", says: ["Dan Okafor", "needs an email"]),
        FatalFile(name: "roster role with a space",
                  files: ["Content/roster.yml": smallRoster().replacingOccurrences(of: "  sales:", with: "  sales team:")],
                  prefix: "contentctl: Content/roster.yml:3: ", says: ["sales team", "without spaces"]),
        FatalFile(name: "anchor and alias in the roster",
                  files: ["Content/roster.yml": "roles:\n  sales: &people\n    - name: Dan Okafor\n      email: dan.okafor@helixora.example\n  product: *people\n"],
                  prefix: "contentctl: Content/roster.yml:2: ", says: ["anchors and aliases"]),
        FatalFile(name: "roster without a role a module needs",
                  files: ["Content/onboarding/medical.md": "---\nid: medical-module\ntitle: Medical\nsignoff_roles: [sales, medical]\n---\nBody\n"],
                  prefix: "contentctl: Content/roster.yml", says: ["medical", "Content/onboarding/medical.md"]),
    ]

    @Test(arguments: badConfigsAndRosters)
    func badConfigOrRosterStopsTheReview(_ bad: FatalFile) throws {
        let repository = try sampleRepository()
        try apply(bad, to: repository)
        try expectFatal(["review", "--as-of", "2026-06-01"], in: repository, 65, bad)
    }

    @Test func missingRosterStopsTheReview() throws {
        let repository = try sampleRepository()
        try repository.remove("Content/roster.yml")
        try repository.commit("No roster")
        let bad = FatalFile(name: "no roster", files: [:], prefix: "contentctl: Content/roster.yml", says: ["roster"])
        try expectFatal(["review", "--as-of", "2026-06-01"], in: repository, 65, bad)
    }

    @Test func signoffForARoleTheRosterLacksIsRefused() throws {
        let repository = try sampleRepository()
        try repository.write("Content/onboarding/medical.md", "---\nid: medical-module\ntitle: Medical\nsignoff_roles: [sales, medical]\n---\nBody\n")
        try repository.commit("A module needing a medical sign-off")
        let head = try repository.head()
        let result = try CLI.run(["signoff", "medical-module", "--role", "medical", "--yes"], in: repository, environment: samuel)
        #expect(result.status == 67)
        #expect(result.stdout.isEmpty)
        #expect(oneLine(result.stderr))
        #expect(result.stderr.hasPrefix("contentctl: "))
        #expect(result.stderr.contains("medical"))
        #expect(try repository.head() == head)
        #expect(try repository.git("status", "--porcelain").isEmpty)
    }

    @Test(arguments: ["2026-13-01", "2026-02-30", "tomorrow"])
    func impossibleAsOfDateIsAUsageError(_ date: String) throws {
        let repository = try sampleRepository()
        let result = try CLI.run(["review", "--as-of", date], in: repository)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "contentctl: --as-of must be a date written YYYY-MM-DD, not '\(date)' (see --help)\n")
    }

    // MARK: - Repository states

    @Test func bareCloneCanBeReviewedButNotSignedIn() throws {
        let repository = try sampleRepository()
        let bare = scratchFolder("bare")
        defer { try? FileManager.default.removeItem(atPath: bare) }
        try repository.git("clone", "-q", "--bare", repository.path, bare)
        let head = try repository.head()

        let review = try CLI.run(["review", "--repo", bare, "--as-of", "2026-06-01", "--format", "json"], in: repository)
        #expect(review.status == 0)
        #expect(review.stderr.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(review.stdout.utf8)) as? [String: Any]
        #expect(json?["head"] as? String == head)
        #expect(!moduleList(json ?? [:]).isEmpty)

        let signoff = try CLI.run(["signoff", "first-90-days", "--role", "sales", "--yes", "--repo", bare], in: repository, environment: samuel)
        #expect(signoff.status == 69)
        #expect(signoff.stdout.isEmpty)
        #expect(oneLine(signoff.stderr))
        #expect(signoff.stderr.hasPrefix("contentctl: "))
        #expect(signoff.stderr.contains("bare"))
        #expect(try repository.git("--git-dir", bare, "rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines) == head)
    }

    @Test func detachedHeadRefusesSignoffUntilTheBranchIsCheckedOut() throws {
        let repository = try sampleRepository()
        let head = try repository.head()
        try repository.git("checkout", "-q", "--detach", "HEAD")
        let detached = try CLI.run(["signoff", "first-90-days", "--role", "sales", "--yes"], in: repository, environment: samuel)
        #expect(detached.status == 69)
        #expect(detached.stdout.isEmpty)
        #expect(oneLine(detached.stderr))
        #expect(detached.stderr.hasPrefix("contentctl: "))
        #expect(detached.stderr.contains("detached"))
        #expect(try repository.head() == head)
        #expect(try repository.git("status", "--porcelain").isEmpty)
        #expect(try repository.git("rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines) == head)

        // The same sign-off on the branch is accepted: the detached HEAD was the only obstacle.
        try repository.git("checkout", "-q", "main")
        let onBranch = try CLI.run(["signoff", "first-90-days", "--role", "sales", "--yes"], in: repository, environment: samuel)
        #expect(onBranch.status == 0, "\(onBranch.stderr)")
        #expect(try repository.head() != head)
    }

    @Test func shallowCloneCannotBeReviewed() throws {
        let repository = try sampleRepository()
        try repository.write("Content/changes/norway-pricing.yml", "id: norway-pricing\nkind: pricing\ndate: 2026-06-15\nmarkets: [NO]\nsummary: S\n")
        try repository.commit("A second commit, so that depth 1 cuts history")
        let shallow = scratchFolder("shallow")
        defer { try? FileManager.default.removeItem(atPath: shallow) }
        try repository.git("clone", "-q", "--depth", "1", "file://" + repository.path, shallow)
        #expect(FileManager.default.fileExists(atPath: shallow + "/.git/shallow"))

        let result = try CLI.run(["review", "--as-of", "2026-06-01"], in: repository, folder: shallow)
        #expect(result.status == 69)
        #expect(result.stdout.isEmpty)
        #expect(oneLine(result.stderr))
        #expect(result.stderr.hasPrefix("contentctl: "))
        #expect(result.stderr.contains("shallow"))
        #expect(result.stderr.contains("fetch"))
    }

    // MARK: - Help

    @Test(arguments: [
        ["--help"], ["review", "--help"], ["modules", "--help"], ["changes", "--help"],
        ["signoff", "--help"], ["signoff", "sign", "--help"], ["signoff", "revoke", "--help"],
        ["signoffs", "--help"], ["signoffs", "list", "--help"], ["signoffs", "show", "--help"],
        ["new", "--help"], ["init", "--help"],
    ])
    func helpWorksForEveryCommandEvenBeforeTheFirstCommit(_ arguments: [String]) throws {
        let repository = try TestRepository()
        let result = try CLI.run(arguments, in: repository)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let usage = (["USAGE: contentctl"] + arguments.dropLast()).joined(separator: " ")
        #expect(result.stdout.contains(usage), "\(result.stdout)")
        #expect(result.stdout.contains("OVERVIEW: "))
    }
}

// MARK: - Helpers

/// The classic "billion laughs": nine levels of nine aliases each.
private let aliasBomb: String = {
    let names = Array("abcdefghi").map(String.init)
    var lines = ["a: &a [x,x,x,x,x,x,x,x,x]"]
    for index in 1..<names.count {
        lines.append("\(names[index]): &\(names[index]) [" + Array(repeating: "*" + names[index - 1], count: 9).joined(separator: ",") + "]")
    }
    return lines.joined(separator: "\n") + "\n"
}()

/// A roster with one person per sample role; `danExtra` is added to Dan's entry (which ends on line 4).
private func smallRoster(danExtra: String = "") -> String {
    "roles:\n  sales:\n    - name: Dan Okafor\n      email: dan.okafor@helixora.example\n" + danExtra
        + "  product:\n    - name: Priya Raman\n      email: priya.raman@helixora.example\n"
}

/// A roster person with no market or product limit in the sample roster.
private let samuel = ["GIT_COMMITTER_NAME": "Samuel Brandt", "GIT_COMMITTER_EMAIL": "samuel.brandt@helixora.example"]

/// The sample library committed in a fresh repository, without the sample's deliberately invalid legacy module,
/// so every failure a test sees comes from the one bad file it adds.
private func sampleRepository() throws -> TestRepository {
    let repository = try TestRepository()
    try repository.copySampleLibrary()
    try? repository.remove("Content/compliance/sunshine-act-reporting.md")
    try repository.commit("Sample library")
    return repository
}

private func apply(_ bad: BadInputTests.FatalFile, to repository: TestRepository) throws {
    for (path, text) in bad.files { try repository.write(path, text) }
    try repository.commit("Add \(bad.name)")
}

/// Runs a command that must stop on `bad`: the exit status, one line on stderr, nothing on stdout, nothing written.
private func expectFatal(_ arguments: [String], in repository: TestRepository, _ status: Int32, _ bad: BadInputTests.FatalFile,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
    let head = try repository.head()
    let result = try runWithTimeLimit(arguments, in: repository, seconds: 30)
    let command = arguments.joined(separator: " ")
    #expect(result.status == status, "\(command): \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "\(command) printed \(result.stdout.prefix(200))", sourceLocation: sourceLocation)
    #expect(oneLine(result.stderr), "\(command): \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix(bad.prefix), "\(command): \(result.stderr)", sourceLocation: sourceLocation)
    for fragment in bad.says {
        #expect(result.stderr.contains(fragment), "\(command): \(result.stderr)", sourceLocation: sourceLocation)
    }
    #expect(try repository.head() == head, sourceLocation: sourceLocation)
    #expect(try repository.git("status", "--porcelain").isEmpty, sourceLocation: sourceLocation)
}

/// Runs contentctl under `timeout`, so a hang fails the test (status 124) instead of stalling the suite.
private func runWithTimeLimit(_ arguments: [String], in repository: TestRepository, seconds: Int) throws -> Command.Result {
    try Command.run("/usr/bin/timeout", ["--kill-after=5", String(seconds), CLI.binary] + arguments,
                    in: repository.path, environment: repository.environment())
}

private func reviewJSON(_ repository: TestRepository, asOf: String = "2026-06-01",
                        timeLimit: Int = 60) throws -> (result: Command.Result, json: [String: Any]) {
    let result = try runWithTimeLimit(["review", "--as-of", asOf, "--format", "json"], in: repository, seconds: timeLimit)
    guard let json = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
        throw TestFailure("review printed no JSON (exit \(result.status)): \(result.stderr)")
    }
    return (result, json)
}

private func moduleList(_ json: [String: Any]) -> [[String: Any]] {
    json["modules"] as? [[String: Any]] ?? []
}

private func moduleWithID(_ id: String, in json: [String: Any]) -> [String: Any]? {
    moduleList(json).first { $0["id"] as? String == id }
}

private func reasons(of module: [String: Any]) -> [[String: Any]] {
    module["reasons"] as? [[String: Any]] ?? []
}

private func oneLine(_ text: String) -> Bool {
    text.hasSuffix("\n") && text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).count == 1
}

private func scratchFolder(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("contentctl-\(name)-\(UUID().uuidString)").path
}

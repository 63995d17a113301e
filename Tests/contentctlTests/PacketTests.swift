import Foundation
import Testing
import TestSupport

/// The review packet in every format, its templates, and recorded review cycles.
@Suite struct PacketTests {
    static let maya = ["GIT_COMMITTER_NAME": "Maya Lindqvist", "GIT_COMMITTER_EMAIL": "maya.lindqvist@helixora.example",
                       "GIT_COMMITTER_DATE": "2026-11-21T08:00:00Z"]

    /// The sample library with zentrava-dosing approved by sales and product on 2 November.
    func sampleRepository() throws -> TestRepository {
        let repository = try TestRepository(start: "2026-11-02T09:00:00Z")
        try repository.copySampleLibrary()
        try repository.commit("sample library")
        for (role, person, time) in [("sales", CommandTests.dan, "2026-11-02T10:00:00Z"), ("product", CommandTests.priya, "2026-11-02T11:00:00Z")] {
            let result = try CLI.run(["signoff", "zentrava-dosing", "--role", role, "--yes"], in: repository,
                                     environment: person.merging(["GIT_COMMITTER_DATE": time]) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
        }
        return repository
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func htmlPacketIsOneSelfContainedWellFormedPage() throws {
        let repository = try sampleRepository()
        // Text from content is escaped wherever it lands, cards and chart labels alike.
        let path = "Content/products/zentrava/zentrava-dosing.md"
        try repository.write(path, try repository.read(path).replacingOccurrences(of: "title: Zentrava dosing and administration",
                                                                                   with: "title: \"Zentrava <i>dosing</i> & administration\""))
        try repository.commit("title with markup", date: TestRepository.date("2026-11-03T09:00:00Z"))
        let result = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "html", "--output", "packet.html"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let html = try repository.read("packet.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>Training content review <span class=\"nowrap\">2026-Q4</span></h1>"))
        #expect(html.contains("<div class=\"chip v-unsigned-changes\"><span class=\"count\">1</span>"))
        #expect(html.contains("<table class=\"matrix\">"))
        #expect(html.contains("<th>zentrava</th>"))
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 4)
        #expect(html.contains("Signature page: sign-offs in 2026-Q4"))
        #expect(html.contains("<td>Dan Okafor<br><span class=\"note\">dan.okafor@helixora.example</span></td>"))
        // Nothing to fetch and nothing to run: no scripts, no external links or sources.
        for forbidden in ["<script", "src=", "href=", "@import", "url("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(try HTMLBalance.problems(html) == [])
        #expect(html.contains("Zentrava &lt;i&gt;dosing&lt;/i&gt; &amp; administration"))
        #expect(!html.contains("<i>dosing</i>"))
    }

    @Test func markdownPacketHasTheSameSections() throws {
        let repository = try sampleRepository()
        let result = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "markdown"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        let markdown = result.stdout
        #expect(markdown.hasPrefix("# Training content review 2026-Q4\n"))
        for heading in ["## Summary", "## Products and markets", "## Change events in this cycle", "## Modules that need attention",
                        "## Current, draft and retired", "## Metrics", "## Signature page: sign-offs in 2026-Q4"] {
            #expect(markdown.contains("\n" + heading + "\n"), "\(heading)")
        }
        #expect(markdown.contains("### Zentrava dosing and administration (`zentrava-dosing`)\n\n`Content/products/zentrava/zentrava-dosing.md`"))
        #expect(markdown.contains("| Dan Okafor | dan.okafor@helixora.example | sales | approved | 2026-11-02T10:00:00Z | `zentrava-dosing` |"))
    }

    @Test func csvHasOneRowPerModuleThatSpreadsheetsRead() throws {
        let repository = try sampleRepository()
        let result = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "csv"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = CSV.parse(result.stdout)
        let header = try #require(rows.first)
        #expect(header.prefix(3) == ["id", "title", "path"])
        #expect(rows.dropFirst().allSatisfy { $0.count == header.count })
        let modules = try json(try CLI.run(["modules", "--format", "json"], in: repository).stdout)["modules"] as? [Any]
        #expect(rows.count - 1 == modules?.count)
        let dosing = try #require(rows.first { $0.first == "zentrava-dosing" })
        #expect(dosing[header.firstIndex(of: "verdict") ?? 0] == "upcoming")
        #expect(dosing[header.firstIndex(of: "markets") ?? 0] == "US;DE;AT")
        // A pipe or device named by --output is written through, never replaced.
        let piped = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "csv", "--output", "/dev/stdout"], in: repository)
        #expect(piped.stdout == result.stdout)
    }

    @Test func jsonWithACycleAddsCompletionAndMetrics() throws {
        let repository = try sampleRepository()
        let result = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "json", "--cycle", "2026-Q4"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        #expect(document["kind"] as? String == "contentctl-review-packet")
        #expect((document["cycle"] as? [String: Any])?["start"] as? String == "2026-10-01")
        let completion = try #require(document["completion"] as? [String: Any])
        let roles = try #require(completion["roles"] as? [[String: Any]])
        #expect(roles.map { $0["role"] as? String } == ["sales", "product"])
        // Both approvals came before the contraindication's window opened, so they do not clear it: the cycle still
        // owes every module that event affects.
        #expect(roles.allSatisfy { ($0["required"] as? Int ?? 0) >= 8 && $0["gathered"] as? Int == 0 })
        #expect((document["signatures"] as? [Any])?.count == 2)
        #expect((document["metrics"] as? [String: Any])?["coverage"] != nil)
    }

    @Test func aRepositorysOwnTemplateOverridesTheBuiltInOne() throws {
        let repository = try sampleRepository()
        try repository.write("Templates/reports/review.md.mustache", "Custom packet {{cycle.name}}: {{moduleCount}} modules\n")
        let result = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "markdown"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Custom packet 2026-Q4: 24 modules\n")
    }

    @Test func aBrokenTemplateIsNamedWithItsLine() throws {
        let repository = try sampleRepository()
        try repository.write("Templates/reports/review.html.mustache", "<h1>{{title}}</h1>\n{{#summary}}\n<p>{{count}}</p>\n")
        let result = try CLI.run(["review", "--as-of", "2026-11-20", "--format", "html", "--output", "packet.html"], in: repository)
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("contentctl: Templates/reports/review.html.mustache:"))
        #expect(result.stderr.contains("broken template"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: repository.path + "/packet.html"))
    }

    @Test func recordingACycleCommitsItsPacketAndCyclesListsIt() throws {
        let repository = try sampleRepository()
        let before = try repository.head()
        let result = try CLI.run(["review", "--as-of", "2026-11-20", "--cycle", "2026-Q4", "--record", "--format", "json"],
                                 in: repository, environment: Self.maya)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("contentctl: recorded cycle 2026-Q4 in Content/.reviews/2026-Q4 at "))
        #expect(try repository.git("rev-parse", "HEAD~1") == before + "\n")
        #expect(try repository.git("show", "--name-only", "--format=%an %aI%n%s", "HEAD")
            == "Maya Lindqvist 2026-11-21T08:00:00+00:00\nreview: record cycle 2026-Q4 as of 2026-11-20\n\nContent/.reviews/2026-Q4/packet.json\nContent/.reviews/2026-Q4/packet.md\n")
        #expect(try repository.git("status", "--porcelain") == "")
        #expect(try repository.read("Content/.reviews/2026-Q4/packet.json") == result.stdout)
        #expect(try repository.read("Content/.reviews/2026-Q4/packet.md").hasPrefix("# Training content review 2026-Q4\n"))
        let modules = try json(try CLI.run(["modules", "--format", "json"], in: repository).stdout)["modules"] as? [Any]
        #expect(modules?.count == 24)

        let listed = try CLI.run(["cycles"], in: repository)
        #expect(listed.status == 0)
        #expect(listed.stdout.hasPrefix("2026-Q4 (2026-10-01 to 2026-12-31), recorded as of 2026-11-20: 0 of "))
        #expect(listed.stdout.contains("\n  sales: 0 of "))
        #expect(listed.stdout.contains("\n  event zentrava-us-contraindication: 0 of 16, open\n"))

        // Recording the cycle again replaces its packet; an earlier cycle's figures feed the latency chart.
        let again = try CLI.run(["review", "--as-of", "2026-11-25", "--cycle", "2026-Q4", "--record"], in: repository,
                                environment: Self.maya.merging(["GIT_COMMITTER_DATE": "2026-11-25T08:00:00Z"]) { $1 })
        #expect(again.status == 0, "\(again.stderr)")
        let cycles = try #require(try json(try CLI.run(["cycles", "--format", "json"], in: repository).stdout)["cycles"] as? [[String: Any]])
        #expect(cycles.map { $0["asOf"] as? String } == ["2026-11-25"])
        let third = try CLI.run(["review", "--as-of", "2026-11-25", "--cycle", "2026-11", "--record"], in: repository,
                                environment: Self.maya.merging(["GIT_COMMITTER_DATE": "2026-11-25T09:00:00Z"]) { $1 })
        #expect(third.status == 0, "\(third.stderr)")
        let html = try CLI.run(["review", "--as-of", "2026-12-05", "--cycle", "2026-12", "--format", "html"], in: repository)
        #expect(html.stdout.contains("<text class=\"label\" x=\"") && html.stdout.contains(">2026-11</text>"))
    }

    @Test func noCycleRecordedYetIsSaid() throws {
        let repository = try sampleRepository()
        let result = try CLI.run(["cycles"], in: repository)
        #expect(result.status == 0)
        #expect(result.stdout == "No review cycle recorded yet (contentctl review --cycle 2026-Q4 --record).\n")
        // A packet this version cannot read is named, not silently dropped.
        try repository.write("Content/.reviews/2026-Q3/packet.json", "{}\n")
        try repository.commit("hand-made packet")
        let damaged = try CLI.run(["cycles"], in: repository)
        #expect(damaged.status == 0)
        #expect(damaged.stderr == "warning: Content/.reviews/2026-Q3/packet.json: not a review packet this version of contentctl reads\n")
    }

    @Test func personalPacketSplitsWhatToReadFromWhatToConfirm() throws {
        let repository = try sampleRepository()
        let dan = ["review", "--as-of", "2026-11-20", "--for", "dan.okafor@helixora.example", "--format", "html"]
        // Dan approved the dosing text on 2 November; the US contraindication's window opened on 10 November.
        let before = try CLI.run(dan, in: repository)
        #expect(before.status == 0, "\(before.stderr)")
        let confirmPart = try #require(before.stdout.components(separatedBy: "Unchanged, but affected by an event: confirm").last)
        #expect(confirmPart.contains("id=\"module-zentrava-dosing\""))
        #expect(confirmPart.contains("You approved this text on 2026-11-02 as sales."))
        #expect(before.stdout.contains("<h1>Your review packet, Dan Okafor</h1>"))
        // Only Dan's markets: a module for Great Britain and Norway alone is not his to sign.
        #expect(!before.stdout.contains("lumidex-device-transition"))

        let path = "Content/products/zentrava/zentrava-dosing.md"
        try repository.write(path, try repository.read(path).replacingOccurrences(of: "15 mg once daily with the evening meal", with: "15 mg once daily with food")
            + "\n<script>alert(1)</script>\n")
        try repository.commit("dosing wording", date: TestRepository.date("2026-11-15T09:00:00Z"))
        let after = try CLI.run(dan, in: repository)
        #expect(after.status == 0, "\(after.stderr)")
        let readPart = try #require(after.stdout.components(separatedBy: "Unchanged, but affected by an event: confirm").first)
        #expect(readPart.contains("id=\"module-zentrava-dosing\""))
        #expect(readPart.contains("You approved an earlier text on 2026-11-02 as sales."))
        #expect(readPart.contains("<del>the evening meal</del><ins>food</ins>"))
        #expect(readPart.contains("contentctl signoff zentrava-dosing --role sales"))
        #expect(!after.stdout.contains("<script"))
        #expect(after.stdout.contains("&lt;script&gt;alert(1)"))
        #expect(try HTMLBalance.problems(after.stdout) == [])
    }

    @Test func personalPacketRefusesStrangersAndOtherFormats() throws {
        let repository = try sampleRepository()
        let stranger = try CLI.run(["review", "--for", "nobody@example.com", "--format", "html"], in: repository)
        #expect(stranger.status == 66)
        #expect(stranger.stderr == "contentctl: nobody@example.com is not on the roster (Content/roster.yml)\n")
        let csv = try CLI.run(["review", "--for", "dan.okafor@helixora.example", "--format", "csv"], in: repository)
        #expect(csv.status == 64)
        #expect(csv.stderr.contains("--for renders a personal packet: use --format html or --format markdown"))
    }

    @Test func badPacketOptionsAreRefusedInOneLine() throws {
        let repository = try sampleRepository()
        let cases: [([String], Int32, String)] = [
            (["--cycle", "2026-Q5"], 64, "--cycle must be a period such as 2026-Q4"),
            (["--record"], 64, "--record needs --cycle"),
            (["--format", "html", "--output", "missing/packet.html"], 64, "missing/packet.html: folder missing does not exist"),
        ]
        for (arguments, status, message) in cases {
            let result = try CLI.run(["review", "--as-of", "2026-11-20"] + arguments, in: repository)
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}

/// Whether every opened element is closed in order (void elements aside): enough to catch a template that loses a tag.
enum HTMLBalance {
    static let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"]

    static func problems(_ html: String) throws -> [String] {
        var stack: [String] = []
        var problems: [String] = []
        let pattern = try NSRegularExpression(pattern: "<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
        let text = html as NSString
        for match in pattern.matches(in: html, range: NSRange(location: 0, length: text.length)) {
            let closing = text.substring(with: match.range(at: 1)) == "/"
            let name = text.substring(with: match.range(at: 2)).lowercased()
            let selfClosing = text.substring(with: match.range(at: 3)) == "/"
            if void.contains(name) || selfClosing { continue }
            if !closing {
                stack.append(name)
            } else if stack.last == name {
                stack.removeLast()
            } else {
                problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
            }
        }
        return problems + stack.map { "<\($0)> never closed" }
    }
}

/// RFC 4180 fields: quoted fields may hold commas, quotes and line breaks.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                row.append(field); field = ""
            } else if scalar == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

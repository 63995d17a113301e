import Foundation
import Testing
import TestSupport

/// `pending` and `metrics` as a content owner runs them: formats, and a clear line for each bad input.
@Suite struct PendingAndMetricsCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func pendingListsEachReviewerInTextCSVAndJSON() throws {
        let repository = try PacketTests().sampleRepository()
        let text = try CLI.run(["pending", "--as-of", "2026-11-20"], in: repository)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Pending sign-offs as of 2026-11-20\n\nDan Okafor <dan.okafor@helixora.example> · sales · all products · US: "))
        #expect(text.stdout.contains("\n  zentrava-dosing (sales, upcoming, waiting 10 days): label-change zentrava-us-contraindication takes effect 2026-12-10"))

        let csv = try CLI.run(["pending", "--as-of", "2026-11-20", "--reviewer", "dan.okafor@helixora.example", "--format", "csv"], in: repository)
        #expect(csv.status == 0)
        let rows = CSV.parse(csv.stdout)
        #expect(rows.first == ["name", "email", "module", "title", "path", "role", "verdict", "waiting_since", "days_waiting", "why"])
        #expect(rows.dropFirst().allSatisfy { $0.count == 10 && $0[1] == "dan.okafor@helixora.example" })
        #expect(rows.contains { $0[2] == "zentrava-dosing" && $0[7] == "2026-11-10" && $0[8] == "10" })

        let document = try json(try CLI.run(["pending", "--as-of", "2026-11-20", "--format", "json"], in: repository).stdout)
        let reviewers = try #require(document["reviewers"] as? [[String: Any]])
        // Nine people are on the roster; Marc Delaunay left on 30 June and owes nothing any more.
        #expect(reviewers.count == 8)
        #expect(!reviewers.contains { $0["name"] as? String == "Marc Delaunay" })
        #expect(reviewers.allSatisfy { $0["modules"] is [Any] && $0["roles"] is [String] })
    }

    @Test func metricsPrintsTextAndJSON() throws {
        let repository = try PacketTests().sampleRepository()
        let text = try CLI.run(["metrics", "--as-of", "2026-11-20"], in: repository)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Metrics as of 2026-11-20\n\nCoverage: "))
        #expect(text.stdout.contains("\nSign-off latency (text change to sign-off, days)\n  sales: median 0.0, 90th percentile 0.0 over 1 sign-off"))
        let document = try json(try CLI.run(["metrics", "--as-of", "2026-11-20", "--format", "json"], in: repository).stdout)
        let latency = try #require(document["signoffLatency"] as? [[String: Any]])
        #expect(latency.map { $0["role"] as? String } == ["sales", "product"])
        // Dan signed one hour after the library was committed: 1/24 of a day, written with one decimal.
        #expect(latency.first?["medianDays"] as? Double == 0)
        #expect((document["coverage"] as? [String: Any])?["overall"] != nil)
        let review = try CLI.run(["review", "--as-of", "2026-11-20", "--metrics"], in: repository)
        #expect(review.status == 0)
        #expect(review.stdout.contains("modules: ") && review.stdout.contains("\nMetrics as of 2026-11-20\n"))
    }

    @Test func badInputsGetOneLineAndAStatus() throws {
        let repository = try PacketTests().sampleRepository()
        let cases: [([String], Int32, String)] = [
            (["pending", "--reviewer", "nobody@example.com"], 66, "contentctl: nobody@example.com is not on the roster (Content/roster.yml)"),
            (["pending", "--cycle", "Q4"], 64, "--cycle must be a period such as 2026-Q4"),
            (["pending", "--format", "xml"], 64, "xml"),
            (["metrics", "--since", "yesterday"], 64, "--since must be a date written YYYY-MM-DD, not 'yesterday'"),
            (["metrics", "--as-of", "2026-13-01"], 64, "--as-of must be a date written YYYY-MM-DD"),
        ]
        for (arguments, status, message) in cases {
            let result = try CLI.run(arguments, in: repository)
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}

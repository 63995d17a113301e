import Foundation

/// The values a packet template reads. Documented in the README; every text value is already made safe for the
/// format (`ReportFormat.text`), and values named `...HTML` or `...SVG` are markup for `{{{triple braces}}}`.
extension ReviewPacket {
    /// The packet through its template (the repository's `Templates/reports/review.<ext>.mustache`, else the built-in one).
    public func render(_ format: ReportFormat, templates: TemplateLibrary) throws(ContentError) -> String {
        try templates.renderReport("review", format: format, context: context(format))
    }

    func context(_ format: ReportFormat) -> [String: Any] {
        let t = format.text
        let report = self.report
        let counts = report.counts
        var context: [String: Any] = [
            "title": t("Training content review \(cycle.name)"),
            "asOf": report.asOf.description, "timeZone": t(report.timeZone),
            "head": String(report.head.hex.prefix(7)), "branch": t(report.branch ?? "detached HEAD"), "content": t(report.contentFolder),
            "cycle": ["name": t(cycle.name), "start": cycle.start.description, "end": cycle.end.description],
            "moduleCount": report.modules.count,
            "summary": Verdict.allCases.compactMap { verdict -> [String: Any]? in
                counts[verdict].map { ["verdict": verdict.rawValue, "count": $0, "style": verdict.rawValue] }
            },
            "matrix": matrix(t),
            "attention": report.modules.filter(Self.needsAttention).map { card($0, t, format) },
            "settled": report.modules.filter { !Self.needsAttention($0) }.map { module in
                ["id": t(module.id), "title": t(module.title), "verdict": module.verdicts.first?.rawValue ?? "",
                 "note": t(module.reasons.first?.message ?? "")] as [String: Any]
            },
            "modules": report.modules.map { row($0, t) },
            "completion": completionContext(t),
            "metrics": metricsContext(t),
            "signatures": signatures.map { signature($0, t) },
            "hasSignatures": !signatures.isEmpty,
            "warnings": report.warnings.map(t),
            "hasWarnings": !report.warnings.isEmpty,
        ]
        if format == .html {
            context["charts"] = charts
        }
        return context
    }

    /// Rows are products, columns markets; each cell is coloured by the worst verdict of the active modules in it.
    /// Modules written for every product (or market) have their own row (or column), so a library-wide module
    /// does not colour every cell.
    private func matrix(_ t: (String) -> String) -> [String: Any] {
        let active = report.modules.filter { $0.status == .active }
        func keys(_ names: [String], all: String) -> [String] { names.isEmpty ? [all] : names }
        let allProducts = Scope.allProducts, allMarkets = Scope.allMarkets
        let products = Set(active.flatMap { keys($0.products, all: allProducts) }).sorted { ($0 == allProducts ? 1 : 0, $0) < ($1 == allProducts ? 1 : 0, $1) }
        let markets = Set(active.flatMap { keys($0.markets, all: allMarkets) }).sorted { ($0 == allMarkets ? 1 : 0, $0) < ($1 == allMarkets ? 1 : 0, $1) }
        let rows: [[String: Any]] = products.map { product in
            let cells: [[String: Any]] = markets.map { market in
                let inCell = active.filter { keys($0.products, all: allProducts).contains(product) && keys($0.markets, all: allMarkets).contains(market) }
                guard let worst = inCell.compactMap(\.verdicts.first).min() else {
                    return ["style": "empty", "label": "–", "count": 0, "hasModules": false, "tip": t("\(product) in \(market): no module")]
                }
                let notCurrent = inCell.filter { !$0.isCurrent }.count
                return ["style": worst.rawValue, "label": worst.rawValue, "count": inCell.count, "hasModules": true,
                        "tip": t("\(product) in \(market): \(counted(inCell.count, "module")), \(notCurrent) not current")]
            }
            return ["product": t(product), "cells": cells]
        }
        return ["markets": markets.map(t), "rows": rows, "hasRows": !active.isEmpty]
    }

    private func card(_ module: ModuleReview, _ t: (String) -> String, _ format: ReportFormat) -> [String: Any] {
        var card: [String: Any] = [
            "id": t(module.id), "title": t(module.title), "path": t(module.path), "owner": t(module.owner.map { "owner " + $0 } ?? "no owner"),
            "scope": t(Scope(products: module.products, markets: module.markets).readable),
            "verdicts": module.verdicts.map { ["verdict": $0.rawValue] },
            "primary": module.verdicts.first?.rawValue ?? "",
            "hasSignoffs": module.signoffs.contains { $0.standing },
            "standing": t(module.signoffs.filter(\.standing).map { entry in
                let record = entry.record
                return "\(record.role) \(record.meaning.rawValue) by \(record.reviewerName) on \(CalendarDate(record.time, in: timeZone))"
                    + (record.fingerprint == module.fingerprint ? " (this text)" : " (an earlier text)")
            }.joined(separator: "; ")),
            "reasons": module.reasons.map { reason in
                ["verdict": reason.verdict.rawValue, "message": t(reason.message),
                 "owedBy": t(ReviewEngine.list(reason.owedBy)), "isOwed": !reason.owedBy.isEmpty,
                 "since": reason.waitingSince?.description ?? ""] as [String: Any]
            },
            "lastChanged": module.lastChanged.map { "\($0.id.hex.prefix(7)) on \(CalendarDate($0.date, in: timeZone))" } ?? "not committed",
        ]
        if let diff = diffs[module.id] {
            card["diff"] = Self.diffContext(diff, t, format)
        }
        return card
    }

    /// One row per module, for CSV and tables.
    private func row(_ module: ModuleReview, _ t: (String) -> String) -> [String: Any] {
        [
            "id": t(module.id), "title": t(module.title), "path": t(module.path), "status": module.status?.rawValue ?? "invalid",
            "owner": t(module.owner ?? ""), "products": t(module.products.joined(separator: ";")),
            "markets": t(module.markets.joined(separator: ";")), "signoffRoles": t(module.signoffRoles.joined(separator: ";")),
            "verdict": module.verdicts.first?.rawValue ?? "", "verdicts": t(module.verdicts.map(\.rawValue).joined(separator: ";")),
            "owedBy": t(Array(Set(module.reasons.flatMap(\.owedBy))).sorted().joined(separator: ";")),
            "waitingSince": module.reasons.compactMap(\.waitingSince).min()?.description ?? "",
            "lastChanged": module.lastChanged.map { CalendarDate($0.date, in: timeZone).description } ?? "",
            "lastCommit": module.lastChanged.map { String($0.id.hex.prefix(12)) } ?? "",
            "fingerprint": module.fingerprint?.value ?? "",
            "reasons": t(module.reasons.map(\.message).joined(separator: " | ")),
        ]
    }

    private func completionContext(_ t: (String) -> String) -> [String: Any] {
        [
            "required": completion.required, "gathered": completion.gathered,
            "percent": percent(completion.gathered, of: completion.required),
            "roles": completion.roles.map { role in
                ["role": t(role.role), "required": role.required, "gathered": role.gathered,
                 "percent": percent(role.gathered, of: role.required),
                 "median": role.medianDays.map { String(format: "%.1f days", $0) } ?? "–"] as [String: Any]
            },
            "events": completion.events.map { eventContext($0, t) },
            "hasEvents": !completion.events.isEmpty,
        ]
    }

    private func eventContext(_ event: ReviewMetrics.EventResponse, _ t: (String) -> String) -> [String: Any] {
        ["id": t(event.id), "kind": t(event.kind), "summary": t(event.summary), "effective": event.effective.description,
         "modules": counted(event.modules, "module"), "required": event.required, "gathered": event.gathered, "open": event.isOpen,
         "outcome": t(event.outcome)]
    }

    private func metricsContext(_ t: (String) -> String) -> [String: Any] {
        func coverage(_ rows: [ReviewMetrics.Coverage]) -> [[String: Any]] {
            rows.map { ["name": t($0.name), "current": $0.current, "active": $0.active, "percent": $0.percent] }
        }
        return [
            "overall": ["current": metrics.overall.current, "active": metrics.overall.active, "percent": metrics.overall.percent],
            "products": coverage(metrics.byProduct), "markets": coverage(metrics.byMarket), "owners": coverage(metrics.byOwner),
            "events": metrics.events.map { eventContext($0, t) },
            "latency": metrics.latency.map { role in
                ["role": t(role.role), "signoffs": role.samples.count,
                 "median": role.median.map { String(format: "%.1f", $0) } ?? "–", "p90": role.p90.map { String(format: "%.1f", $0) } ?? "–",
                 "waiting": role.waiting, "oldestWaiting": role.oldestWaitingDays.map { counted($0, "day") } ?? "–"] as [String: Any]
            },
            "overdue": metrics.overdue.map { ["id": t($0.id), "title": t($0.title), "due": $0.due.description, "days": counted($0.days, "day")] as [String: Any] },
            "hasOverdue": !metrics.overdue.isEmpty,
            "churn": metrics.churn.map { ["update": t($0.update), "date": $0.date.description, "modules": counted($0.modulesChanged, "module")] as [String: Any] },
            "hasChurn": !metrics.churn.isEmpty,
        ]
    }

    /// The Part 11 fields of a record: printed name, date and time, meaning; and how it is bound to the text.
    private func signature(_ record: SignoffRecord, _ t: (String) -> String) -> [String: Any] {
        [
            "id": String(record.id.prefix(12)), "module": t(record.module), "name": t(record.reviewerName), "email": t(record.reviewerEmail),
            "reviewerId": t(record.reviewerID), "role": t(record.role), "meaning": record.meaning.rawValue,
            "time": Timestamp.format(record.time), "fingerprint": String(record.fingerprint.hex.prefix(12)),
            "kind": record.signature == nil ? "attestation" : "SSH signature", "comment": t(record.comment),
            "hasComment": !record.comment.isEmpty,
            "withdrawn": revokedIDs.contains(record.id),
        ]
    }

    /// A word diff as the templates read it: each changed paragraph as markup for HTML or Markdown.
    static func diffContext(_ diff: ModuleDiff, _ t: (String) -> String, _ format: ReportFormat) -> [String: Any] {
        [
            "since": t(diff.since), "added": diff.added, "removed": diff.removed,
            "hunks": diff.hunks.map { hunk in
                let segments = TextDiff.readable(hunk.segments)
                return ["line": hunk.newLine,
                        "html": format == .html ? ContentDiff.html(segments) : "",
                        "markdown": format == .markdown ? ContentDiff.html(segments).replacingOccurrences(of: "\n", with: "<br>\n") : ""] as [String: Any]
            },
        ]
    }

    /// Any verdict but current, draft or retired: upcoming modules too, since their sign-offs are owed before the date.
    static func needsAttention(_ module: ModuleReview) -> Bool {
        module.verdicts.contains { ![.current, .draft, .retired].contains($0) }
    }

}

import Foundation

extension ReviewPacket {
    /// The packet's charts as inline SVG: verdict counts, event response times, sign-off latency per role over cycles,
    /// and the cycle's timeline of change events against sign-offs.
    var charts: [String: String] {
        let counts = report.counts
        let verdictBars = Verdict.allCases.compactMap { verdict in
            counts[verdict].map { SVGChart.Bar(label: verdict.rawValue, value: Double($0), caption: String($0), style: verdict.rawValue) }
        }
        let eventBars = metrics.events.compactMap { event -> SVGChart.Bar? in
            guard let days = event.days else { return nil }
            return SVGChart.Bar(label: event.id, value: Double(max(days, 0)),
                                caption: event.isOpen ? "open, \(counted(days, "day"))" : days < 0 ? "\(counted(-days, "day")) early" : counted(days, "day"),
                                style: event.isOpen ? "open" : "cleared")
        }
        let periods = earlierCycles.map(\.cycle.name) + [cycle.name]
        let roles = metrics.latency.map(\.role)
        let series = roles.enumerated().map { index, role in
            (name: role, style: "series\(index % 4)",
             values: earlierCycles.map { recorded in recorded.latency.first { $0.role == role }?.medianDays }
                + [metrics.latency.first { $0.role == role }?.median])
        }
        var marks = completion.events.map {
            SVGChart.Mark(day: $0.effective, label: "\($0.id): \($0.summary)", row: "events", style: $0.isOpen ? "event-open" : "event")
        }
        marks += signatures.map { record in
            SVGChart.Mark(day: CalendarDate(record.time, in: timeZone), label: "\(record.module): \(record.role) \(record.meaning.rawValue) by \(record.reviewerName)",
                          row: record.role, style: record.meaning == .changesRequested ? "changes" : "signoff")
        }
        let signingRoles = Array(Set(signatures.map(\.role))).sorted()
        return [
            "verdictsSVG": SVGChart.bars(verdictBars, title: "Modules per verdict"),
            "eventsSVG": SVGChart.bars(eventBars, title: "Days from each change event taking effect to its last clearing sign-off"),
            "latencySVG": SVGChart.groupedBars(periods: periods, series: series, unit: ("day", "days"),
                                               title: "Median days from a text change to each role's sign-off, per cycle"),
            "timelineSVG": SVGChart.timeline(marks, rows: ["events"] + signingRoles, start: cycle.start, end: cycle.end, today: report.asOf,
                                             title: "Change events and sign-offs in \(cycle.name)"),
        ]
    }
}

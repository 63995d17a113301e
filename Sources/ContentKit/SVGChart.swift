import Foundation

/// Charts drawn as inline SVG: readable without scripts, scaling with the page, and printable.
enum SVGChart {
    struct Bar {
        let label: String
        let value: Double
        /// Shown at the end of the bar, e.g. "12" or "5 days".
        let caption: String
        /// A CSS class naming the bar's colour (e.g. a verdict).
        let style: String
    }

    /// Horizontal bars, one per row, labelled on the left.
    static func bars(_ bars: [Bar], title: String) -> String {
        let labelWidth = 175.0, barArea = 150.0, rowHeight = 22.0, top = 8.0
        let width = labelWidth + barArea + 100
        let height = top * 2 + rowHeight * Double(max(bars.count, 1))
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        var svg = open(width: width, height: height, title: title)
        if bars.isEmpty {
            svg += text(x: labelWidth, y: top + 15, "nothing to show", style: "axis")
        }
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            let length = max(bar.value, 0) / largest * barArea
            svg += "<g>" + text(x: labelWidth - 8, y: y + 15, shortened(bar.label), style: "label", anchor: "end") + "<title>\(escape(bar.label))</title></g>"
            svg += "<rect class=\"bar \(escape(bar.style))\" x=\"\(format(labelWidth))\" y=\"\(format(y + 3))\" width=\"\(format(max(length, 1.5)))\" height=\"\(format(rowHeight - 6))\" rx=\"2\"/>"
            svg += text(x: labelWidth + max(length, 1.5) + 6, y: y + 15, bar.caption, style: "value")
        }
        return svg + "</svg>"
    }

    /// One group per period (e.g. review cycle), one bar per series (e.g. role) in each.
    static func groupedBars(periods: [String], series: [(name: String, style: String, values: [Double?])], unit: (one: String, many: String), title: String) -> String {
        let left = 40.0, bottom = 34.0, top = 30.0, plotHeight = 100.0
        let groupWidth = max(60.0, 26.0 * Double(series.count) + 30)
        let width = left + groupWidth * Double(max(periods.count, 1)) + 20
        let height = top + plotHeight + bottom
        let largest = max(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0, 1)
        var svg = open(width: max(width, 425), height: height, title: title)
        svg += "<line class=\"axis-line\" x1=\"\(format(left))\" y1=\"\(format(top + plotHeight))\" x2=\"\(format(width - 10))\" y2=\"\(format(top + plotHeight))\"/>"
 svg += text(x: left - 6, y: top - 4, "top: " + format(largest) + " " + (largest == 1 ? unit.one : unit.many), style: "axis", anchor: "start")
        for (index, entry) in series.enumerated() {
            let x = left + Double(index) * 90
            svg += "<rect class=\"bar \(escape(entry.style))\" x=\"\(format(x))\" y=\"4\" width=\"10\" height=\"10\"/>"
            svg += text(x: x + 14, y: 13, entry.name, style: "axis")
        }
        for (periodIndex, period) in periods.enumerated() {
            let groupX = left + groupWidth * Double(periodIndex) + 10
            for (seriesIndex, entry) in series.enumerated() {
                let x = groupX + 26 * Double(seriesIndex)
                guard periodIndex < entry.values.count, let value = entry.values[periodIndex] else {
                    svg += text(x: x + 11, y: top + plotHeight - 4, "–", style: "axis", anchor: "middle")
                    continue
                }
                let barHeight = max(value / largest * plotHeight, 1.5)
                svg += "<rect class=\"bar \(escape(entry.style))\" x=\"\(format(x))\" y=\"\(format(top + plotHeight - barHeight))\" width=\"22\" height=\"\(format(barHeight))\" rx=\"2\"><title>\(escape("\(entry.name) \(period): \(format(value)) \(value == 1 ? unit.one : unit.many)"))</title></rect>"
                svg += text(x: x + 11, y: top + plotHeight - barHeight - 4, format(value), style: "value", anchor: "middle")
            }
            svg += text(x: groupX + 26 * Double(series.count) / 2, y: top + plotHeight + 18, period, style: "label", anchor: "middle")
        }
        return svg + "</svg>"
    }

    struct Mark {
        let day: CalendarDate
        let label: String
        /// The row the mark sits on (e.g. "events" or a role).
        let row: String
        let style: String
    }

    /// A time axis from `start` to `end` with one row of marks per row name: events against sign-offs.
    static func timeline(_ marks: [Mark], rows: [String], start: CalendarDate, end: CalendarDate, today: CalendarDate, title: String) -> String {
        let left = 64.0, right = 16.0, top = 22.0, rowHeight = 30.0, plotWidth = 340.0
        let height = top + rowHeight * Double(max(rows.count, 1)) + 30
        let span = Double(max(start.days(until: end), 1))
        func x(_ day: CalendarDate) -> Double { left + Double(start.days(until: day)) / span * plotWidth }
        var svg = open(width: left + plotWidth + right, height: height, title: title)
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            svg += "<line class=\"grid\" x1=\"\(format(left))\" y1=\"\(format(y))\" x2=\"\(format(left + plotWidth))\" y2=\"\(format(y))\"/>"
            svg += text(x: left - 8, y: y + 4, row, style: "label", anchor: "end")
        }
        let axisY = top + rowHeight * Double(rows.count) + 4
        var month = CalendarDate(year: start.year, month: start.month, day: 1)
        while month <= end {
            if month >= start {
                svg += "<line class=\"grid\" x1=\"\(format(x(month)))\" y1=\"\(format(top))\" x2=\"\(format(x(month)))\" y2=\"\(format(axisY))\"/>"
                svg += text(x: x(month) + 3, y: axisY + 14, month.description.prefix(7).description, style: "axis")
            }
            month = month.month == 12 ? CalendarDate(year: month.year + 1, month: 1, day: 1) : CalendarDate(year: month.year, month: month.month + 1, day: 1)
        }
        if today >= start && today <= end {
            svg += "<line class=\"today\" x1=\"\(format(x(today)))\" y1=\"\(format(top - 6))\" x2=\"\(format(x(today)))\" y2=\"\(format(axisY))\"/>"
            svg += text(x: x(today), y: top - 8, "as of " + today.description, style: "axis", anchor: "middle")
        }
        for mark in marks where mark.day >= start && mark.day <= end {
            guard let index = rows.firstIndex(of: mark.row) else { continue }
            let y = top + rowHeight * Double(index) + rowHeight / 2
            let tip = "<title>\(escape(mark.day.description + " " + mark.label))</title>"
            if mark.style.hasPrefix("event") {
                let cx = x(mark.day)
                svg += "<path class=\"mark \(escape(mark.style))\" d=\"M\(format(cx)) \(format(y - 7))l7 7l-7 7l-7-7z\">\(tip)</path>"
            } else {
                svg += "<circle class=\"mark \(escape(mark.style))\" cx=\"\(format(x(mark.day)))\" cy=\"\(format(y))\" r=\"5\">\(tip)</circle>"
            }
        }
        return svg + "</svg>"
    }

    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(format(width)) \(format(height))\" xmlns=\"http://www.w3.org/2000/svg\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
    }

    private static func text(x: Double, y: Double, _ content: String, style: String, anchor: String = "start") -> String {
        "<text class=\"\(style)\" x=\"\(format(x))\" y=\"\(format(y))\" text-anchor=\"\(anchor)\">\(escape(content))</text>"
    }

    /// Long labels (event ids) are cut to fit the label column; the full text is the element's title.
    private static func shortened(_ label: String) -> String {
        label.count <= 20 ? label : String(label.prefix(19)) + "…"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    private static func escape(_ text: String) -> String { HTMLPage.escape(text) }
}

/// The formats a report template is written in, and how text is made safe for each before it reaches the template.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html
    case markdown
    case csv
    /// Plain text for a terminal or an email.
    case text

    /// The template file extension: `review.html.mustache`.
    var fileExtension: String {
        switch self {
        case .html: return "html"
        case .markdown: return "md"
        case .csv: return "csv"
        case .text: return "txt"
        }
    }

    /// HTML templates escape values themselves (`{{name}}`); Markdown cells cannot hold `|` or line breaks; CSV fields
    /// are quoted as RFC 4180 says and never start a formula.
    func text(_ value: String) -> String {
        switch self {
        case .html, .text: return value
        case .markdown: return ReviewReport.cell(value)
        case .csv:
            let value = Self.defusingFormula(value)
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// A CSV cell value that no spreadsheet runs as a formula: a leading = + or @ gets a `'` before it.
    static func defusingFormula(_ value: String) -> String {
        value.first.map { "=+@".contains($0) } == true ? "'" + value : value
    }
}

/// A review as the command prints it, with what decides the command's exit: the same whether the review was made
/// in this run or reused from the last one (see `ReviewOutputCache`).
public struct RenderedReview: Sendable {
    public let text: String
    public let warnings: [String]
    /// Why module files are invalid, one message each.
    public let invalidModules: [String]
    /// How many active modules are not current (what fails `--strict`).
    public let notCurrent: Int

    init(text: String, warnings: [String], invalidModules: [String], notCurrent: Int) {
        self.text = text
        self.warnings = warnings
        self.invalidModules = invalidModules
        self.notCurrent = notCurrent
    }

    public init(report: ReviewReport, text: String) {
        self.init(text: text, warnings: report.warnings,
                  invalidModules: report.modules.flatMap { $0.reasons.filter { $0.verdict == .invalid }.map(\.message) },
                  notCurrent: report.modules.reduce(0) { $0 + ($1.failsStrictReview ? 1 : 0) })
    }
}

/// The plain forms of a review: the table (coloured or not) and JSON.
public enum ReviewRendering: Sendable {
    case table(OutputStyle)
    case json

    /// Distinguishes cached outputs.
    var name: String {
        switch self {
        case .table(let style): return style.colored ? "table colored" : "table"
        case .json: return "json"
        }
    }

    func render(_ report: ReviewReport) -> String {
        switch self {
        case .table(let style): return report.table(style: style)
        case .json: return report.json.serialized()
        }
    }
}

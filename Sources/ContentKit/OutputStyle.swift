/// How human output is decorated: ANSI colour only on a terminal, and never under `NO_COLOR`.
public struct OutputStyle: Sendable {
    public let colored: Bool

    public init(colored: Bool) {
        self.colored = colored
    }

    /// Colour for terminals that are one: stdout is a TTY and `NO_COLOR` is unset or empty.
    public static func detect(isTerminal: Bool, environment: [String: String]) -> OutputStyle {
        OutputStyle(colored: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb")
    }

    public enum Color: String, Sendable {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case magenta = "35"
        case gray = "90"
        case bold = "1"
    }

    public func paint(_ text: String, _ color: Color) -> String {
        colored ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    func paint(_ verdict: Verdict) -> String {
        paint(verdict.rawValue, Self.color(of: verdict))
    }

    static func color(of verdict: Verdict) -> Color {
        switch verdict {
        case .invalid, .expired, .stale: return .red
        case .changesRequested, .unsignedChanges, .neverReviewed, .overdue: return .yellow
        case .upcoming: return .blue
        case .current: return .green
        case .draft, .retired: return .gray
        }
    }
}

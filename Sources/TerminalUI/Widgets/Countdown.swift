/// Remaining time shown as `mm:ss` (or `h:mm:ss` from one hour), "expired" at zero. Drawn in the
/// warning style under `warningThreshold` and in the danger style once expired.
public struct Countdown: Widget {
    /// Time left; zero or negative means expired.
    public var remaining: Duration
    /// Below this, the countdown is drawn as a warning.
    public var warningThreshold: Duration
    /// Alignment within the rectangle.
    public var alignment: Alignment

    /// Creates a countdown.
    public init(remaining: Duration, warningThreshold: Duration = .seconds(60), alignment: Alignment = .center) {
        self.remaining = remaining
        self.warningThreshold = warningThreshold
        self.alignment = alignment
    }

    /// `mm:ss`, `h:mm:ss`, or "expired". Partial seconds round up, so "00:00" is never shown while
    /// time remains.
    public static func format(_ remaining: Duration) -> String {
        let (seconds, attoseconds) = remaining.components
        let total = seconds + (attoseconds > 0 ? 1 : 0)
        guard total > 0 else { return "expired" }
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let rest = total % 60
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(two(minutes)):\(two(rest))"
    }

    /// The text drawn.
    public var text: String { Countdown.format(remaining) }

    /// The style for the current remaining time.
    public var style: Style {
        if text == "expired" { return .danger }
        return remaining < warningThreshold ? .warning : .normal
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        canvas.draw(Label(text, style: style, alignment: alignment), in: rect.row(0))
    }
}

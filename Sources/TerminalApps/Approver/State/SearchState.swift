import TerminalUI

/// A `/` search over a list: the query being typed, the last query run, and the rows it matched.
public struct SearchState: Equatable, Sendable {
    public var field: TextFieldState
    /// True while keys go to the search field.
    public var isTyping: Bool
    /// True while the search runs.
    public var isRunning: Bool
    /// The query of `matches`.
    public var query: String?
    /// Indices of the matching rows, in list order.
    public var matches: [Int]
    /// Why the search failed.
    public var error: String?

    public init() {
        field = TextFieldState(maxLength: 100)
        isTyping = false
        isRunning = false
        query = nil
        matches = []
        error = nil
    }

    /// The match after (`forward`) or before `selection`, wrapping around; nil without matches.
    public func match(from selection: Int?, forward: Bool) -> Int? {
        guard !matches.isEmpty else { return nil }
        guard let selection else { return forward ? matches.first : matches.last }
        if forward { return matches.first { $0 > selection } ?? matches.first }
        return matches.last { $0 < selection } ?? matches.last
    }

    /// "match 2 of 5 for “calendar”", "no decision matches “x”", or nil without a query.
    public func status(selection: Int?) -> String? {
        if isRunning { return "Searching…" }
        if let error { return error }
        guard let query else { return nil }
        if matches.isEmpty { return "No decision matches “\(query)”" }
        let position = selection.flatMap { matches.firstIndex(of: $0) }.map { "match \($0 + 1) of" } ?? "matches:"
        return "\(position) \(matches.count) for “\(query)” (n/N)"
    }
}

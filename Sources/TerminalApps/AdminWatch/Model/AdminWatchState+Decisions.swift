extension AdminWatchState {
    /// The decisions the decisions tab lists: all, or only the grants approved by standing access (RFC 9635 §1.6.4).
    public var visibleDecisions: [DecisionRow] {
        decisionsByPolicyOnly ? decisions.filter { $0.outcome == "policy" } : decisions
    }
}

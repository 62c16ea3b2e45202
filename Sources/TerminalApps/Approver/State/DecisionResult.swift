import GNAP
import TerminalSession

/// The outcome of a decision, for the result screen.
public struct DecisionResult: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case approved
        case denied
        /// The AS did not take the decision (e.g. the request expired meanwhile).
        case failed(ApproverFailure)
    }

    public var outcome: Outcome
    public var grantID: String
    /// What was (or would have been) released and withheld.
    public var summary: ApprovalSummary
    /// The reason of a denial.
    public var reason: String?
    /// What the AS did with the client's interaction finish method (RFC 9635 §4.2), if it has one.
    public var finish: FinishNotice?

    public init(outcome: Outcome, grantID: String, summary: ApprovalSummary, reason: String?) {
        self.outcome = outcome
        self.grantID = grantID
        self.summary = summary
        self.reason = reason
    }
}

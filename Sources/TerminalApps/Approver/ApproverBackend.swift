import GNAP

/// What the approver app needs from the outside: the AS's interaction API and the local history.
public protocol ApproverBackend: Sendable {
    /// e.g. "alice @ http://127.0.0.1:8080", shown in the header.
    var identityDescription: String { get }
    /// Enters a user code; the AS binds the interaction to this approver and returns what to review.
    func enterCode(_ code: UserCode) async throws(ApproverFailure) -> InteractionReview
    /// Opens an interaction by its interaction URL or application URI (RFC 9635 `redirect`/`app` start modes);
    /// the AS binds it to this approver like a code and returns what to review.
    func openInteraction(_ interaction: String) async throws(ApproverFailure) -> InteractionReview
    /// Approves with a selection; the backend also records the decision in local history.
    func approve(_ review: InteractionReview, request: ApprovalRequest) async throws(ApproverFailure)
        -> DecisionResponse
    /// Denies with a reason; the backend also records the decision in local history.
    func deny(_ review: InteractionReview, reason: String) async throws(ApproverFailure) -> DecisionResponse
    /// Local decision history, newest first.
    func history(limit: Int) async throws(ApproverFailure) -> [DecisionRecord]
}

/// A failure to show to the person: `code` is the AS error code when there is one (e.g. "user_code_unknown",
/// "user_code_expired", "user_code_used", "already_decided"), `message` a readable sentence.
public struct ApproverFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String?
    public var message: String
    public init(code: String?, message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { message }
}

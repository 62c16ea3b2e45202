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
    // The approver's records: history search, active grants, device keys (ApproverBackend+Records.swift has the
    // types and the defaults for backends that do not offer them).
    /// The local decisions matching `query` (full-text), newest first.
    func searchHistory(_ query: String, limit: Int) async throws(ApproverFailure) -> [DecisionRecord]
    /// The grants this approver approved that still hold active tokens, from the AS.
    func activeGrants() async throws(ApproverFailure) -> [ActiveGrant]
    /// Revokes an approved grant at the AS: its tokens stop working at once.
    func revokeGrant(_ grantID: String, reason: String) async throws(ApproverFailure)
    /// This approver's device keys: the local identity (with its thumbprint) and what the AS knows of its devices.
    func deviceKeys() async throws(ApproverFailure) -> [DeviceKeyInfo]
    /// Enrolls a new device key at the AS with the current one, stores it (sealed if the old one was), and has the
    /// AS revoke the old one. Returns the new key.
    func rotateDeviceKey() async throws(ApproverFailure) -> DeviceKeyInfo
    // The inbox of asynchronous requests addressed to this account (ApproverBackend+Inbox.swift has the defaults
    // for backends that do not offer it).
    /// Every request waiting in the inbox now, the clients blocked, and where the event stream continues.
    func inbox() async throws(ApproverFailure) -> InboxSnapshot
    /// Follows the inbox after event `lastEventID` (nil: from now).
    func inboxEvents(after lastEventID: Int64?) async throws(ApproverFailure) -> any InboxFeed
    /// Opens a request from the inbox: its review, as a code would give it.
    func openInboxRequest(_ grantID: String) async throws(ApproverFailure) -> InteractionReview
    /// Lifts the block of a client this account kept denying; returns the blocks that remain.
    func liftInboxBlock(_ instanceID: String) async throws(ApproverFailure) -> [InboxBlock]
}

/// A failure to show to the person: `code` is the AS error code when there is one (e.g. "user_code_unknown",
/// "user_code_expired", "user_code_used", "already_decided"), `message` a readable sentence.
public struct ApproverFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String?
    public var message: String
    /// How long the AS refuses further attempts (its `Retry-After` with `too_many_attempts`), when it said.
    public var retryAfter: Duration?
    public init(code: String?, message: String, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }
    public var description: String { message }
}

/// How the approver reached a grant's interaction (RFC 9635 §4.1).
public enum InteractionChannel: String, Sendable, Hashable, Codable {
    /// The user code (`user_code` or `user_code_uri`, §4.1.2, §4.1.3).
    case userCode = "user_code"
    /// The interaction URL or application URI (`redirect` or `app`, §4.1.1, §4.1.4).
    case interactionURL = "interaction_url"
}

/// The interaction reference of a grant with a finish method (RFC 9635 §4.2, §5.1). Only its hash is kept.
public struct FinishProgress: Sendable, Hashable, Codable {
    /// SHA-256 of the interaction reference, once the interaction finished.
    public var interactRefHash: String?
    public var finishedAt: WallInstant?
    /// When the client presented the reference (it is one-time, §4.2).
    public var interactRefUsedAt: WallInstant?
    /// Continuation calls with a reference that did not match.
    public var failedAttempts: Int

    public init() {
        failedAttempts = 0
    }

    /// Wrong references accepted before the grant is finalized with `too_many_attempts` (§3.6).
    public static let maximumFailedAttempts = 3
}

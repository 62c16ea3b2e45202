/// The error a client's continuation call was told when that call ended the grant (RFC 9635 §3.6: `user_denied`,
/// an expired interaction, a spent interaction reference), kept so that the client may hear it once more.
///
/// An answer without `continue` ends the continuation (§3.1: the client "MUST NOT make a continuation request"
/// after it), but when that answer is lost after the AS committed (a dropped connection, a crash), the client never
/// learnt that the grant ended and calls again with the same continuation token (an error answer rotates nothing).
/// Answering "this grant request is finished" would strand it without the reason; the same final answer, once, is
/// what it missed (the lost-answer repeat of docs/decisions.md, for the answer that ended the grant).
public struct FinalAnswer: Sendable, Hashable, Codable {
    /// What the ending call was told (when: the grant's `finalizedAt`).
    public var error: GNAPError
    /// When the answer was given again; a repeat is answered once, later calls are told the grant is finished.
    public var repeatedAt: WallInstant?

    public init(error: GNAPError, repeatedAt: WallInstant? = nil) {
        self.error = error
        self.repeatedAt = repeatedAt
    }
}

/// The last continuation call the AS answered with a new continuation token, kept so that the client can repeat it
/// once with the token it presented if the answer never reached it (a dropped connection, a crash after the commit):
/// RFC 9635 §5 only says the new token "SHOULD be a new access token, invalidating the previous access token", and a
/// client that lost the answer has nothing else to continue with (docs/decisions.md). Only hashes and ids are kept.
public struct ContinuationCallRecord: Sendable, Hashable, Codable {
    /// SHA-256 of the continuation token the call presented (the client's previous token once it has the new one).
    public var tokenHash: String
    /// The instant of the call.
    public var at: WallInstant
    /// The access tokens its answer issued: a repeat revokes them, since their values never reached the client and
    /// the AS keeps only their hashes.
    public var issuedTokenIDs: [String]
    /// The grant's earliest next call before this call (§5 `wait`): a repeat is held to the wait that applied to the
    /// call it repeats, not to the one from the lost answer.
    public var nextCallAllowedAtBefore: WallInstant

    public init(tokenHash: String, at: WallInstant, issuedTokenIDs: [String], nextCallAllowedAtBefore: WallInstant) {
        self.tokenHash = tokenHash
        self.at = at
        self.issuedTokenIDs = issuedTokenIDs
        self.nextCallAllowedAtBefore = nextCallAllowedAtBefore
    }
}

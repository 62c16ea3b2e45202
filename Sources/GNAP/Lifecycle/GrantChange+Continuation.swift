/// The continuation token's part of a grant step (RFC 9635 §5): which token a call presents, its rotation, and the
/// one repeat of a call whose answer was lost (docs/decisions.md).
extension GrantChange {
    /// Opens a client's call to the continuation URI (RFC 9635 §5) inside the step, with the continuation token it
    /// presents: the current one, or the previous one when the client repeats its last call because the answer never
    /// reached it (``ContinuationCallRecord``, once). `seen` is what the token was when the call arrived, checked
    /// before the transaction: the token must still be that. So a call that arrived with the current token and finds
    /// it replaced by a concurrent call with the same token loses the race (it is not a repeat: its sender cannot
    /// have seen an answer get lost), as does a repeat that finds the call already repeated. A repeat revokes the
    /// tokens of the lost answer (their values are lost with it), lets the state machine undo what that answer
    /// delivered (``GrantEvent/answerLost(callAt:nextCallAllowedAt:)``) and is audited; the caller then handles the
    /// call as usual. False (nothing changed) when the token is not what it was.
    public mutating func openContinuationCall(token: String, seen: ContinuationTokenMatch) -> Bool {
        guard let match = record.continuationTokenMatch(token), match == seen else { return false }
        switch match {
        case .current:
            call = OpenedCall(
                tokenHash: record.continuationTokenHash, isRepeat: false,
                nextCallAllowedAtBefore: record.lifecycle.nextCallAllowedAt)
            return true
        case .previous:
            guard let last = record.lastContinuationCall else { return false }
            if !last.issuedTokenIDs.isEmpty {
                revoke(
                    TokenRevocation(
                        keepsDurable: false, tokenIDs: Set(last.issuedTokenIDs), at: now,
                        reason: "issued in a continuation answer the client never received; issued again"))
            }
            _ = apply(.answerLost(callAt: last.at, nextCallAllowedAt: last.nextCallAllowedAtBefore))
            audit(
                .continuationRepeated,
                "the client repeated its continuation call of \(last.at.iso8601) with the previous continuation "
                    + "token (the answer was lost); \(last.issuedTokenIDs.count) token(s) of that answer revoked")
            record.lastContinuationCall = nil
            call = OpenedCall(
                tokenHash: last.tokenHash, isRepeat: true, nextCallAllowedAtBefore: last.nextCallAllowedAtBefore)
            return true
        }
    }

    /// The continue-and-rotate step of every answer that carries `continue` (RFC 9635 §5: each continuation
    /// response has a new continuation token, and only its hash is kept). The presented token keeps working for one
    /// repeat of this call, until the new token is first used (``openContinuationCall(token:seen:)``).
    public mutating func rotateContinuation(uri: String, wait: Int) -> ContinueResponse {
        let token = Secrets.token()
        record.continuationTokenHash = Secrets.hash(token)
        rotated = true
        return ContinueResponse(uri: uri, wait: wait, accessToken: TokenValue(value: token))
    }

    /// Ends the continuation: no token value can match a fresh random hash (§5.4), and no call can be repeated.
    public mutating func endContinuation() {
        record.continuationTokenHash = Secrets.hash(Secrets.token())
        record.lastContinuationCall = nil
        rotated = false
        call = nil
    }

    /// The grant as the store writes it: with a rotated token, the call is kept for one repeat together with the
    /// tokens its answer issued; a repeat itself cannot be repeated.
    public var recordToWrite: GrantRecord {
        var written = record
        if rotated {
            written.lastContinuationCall = call.flatMap { call in
                call.isRepeat
                    ? nil
                    : ContinuationCallRecord(
                        tokenHash: call.tokenHash, at: now, issuedTokenIDs: issuedTokens.map(\.id),
                        nextCallAllowedAtBefore: call.nextCallAllowedAtBefore)
            }
        }
        return written
    }
}

/// Which continuation token a client presented (RFC 9635 §5).
public enum ContinuationTokenMatch: Sendable, Hashable {
    /// The token of the last answer.
    case current
    /// The token before it: the client repeats the call whose answer it never received.
    case previous
}

extension GrantRecord {
    /// Whether `token` is the grant's current continuation token, or the previous one that may still repeat the last
    /// call once (compared in constant time against the stored hashes).
    public func continuationTokenMatch(_ token: String) -> ContinuationTokenMatch? {
        if Secrets.matches(token, storedHash: continuationTokenHash) { return .current }
        if let last = lastContinuationCall, Secrets.matches(token, storedHash: last.tokenHash) { return .previous }
        return nil
    }
}

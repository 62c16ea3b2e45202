import GNAP

/// Delivers what an approval releases (RFC 9635 §3.2 tokens, §3.4 subject information) inside a grant's transaction,
/// with a new `continue`: the grant stays approved, so the client can still modify (§5.3) or cancel (§5.4) it.
/// Shared by polling (§5.2) and by a modification that needs no new consent (§5.3).
struct GrantIssuance: Sendable {
    /// Lifetime of issued access tokens (`expires_in`).
    let accessTokenLifetime: Duration
    let durableTokens: DurableTokenPolicy
    let minter: TokenMinter
    let publicURL: PublicURL

    /// Issues the tokens of `selection` for the grant as it stands, with `subject` (prepared before the transaction)
    /// as far as `selection` releases it. If nothing can be released any more (e.g. only `email` was released and
    /// the account has lost its address), the grant is finalized with `request_denied`.
    func deliver(_ selection: ApprovalSelection, subject: PreparedSubject, change: inout GrantChange) throws
        -> GrantResponse
    {
        let publicURL = publicURL
        // RFC 9767 §2.1.9: tokens name the resource owner only when the approval released the subject.
        let owner =
            selection.subjectFormats.isEmpty
            ? nil : subject.identifiers.first { $0.format == "opaque" }?.members["id"]
        let issued = try TokenIssuer(
            grant: change.record, selection: selection,
            secrets: change.record.tokens.map { _ in TokenIssuer.Secrets() },
            now: change.now, lifetime: accessTokenLifetime, durability: durableTokens, minter: minter,
            subject: owner, manageURI: publicURL.tokenManagementURI(tokenID:))
        // §3.4: only identifiers and assertions in the formats the approver released.
        let released = subject.response(for: selection)
        guard issued.response != nil || released != nil else {
            let error =
                if case .respondError(let error) = change.apply(.nothingReleased) { error } else {
                    GNAPError(.requestDenied, "the approval no longer releases anything")
                }
            change.audit(.grantFinalized, "nothing left to release; client told: \(error.code.rawValue)")
            return GrantResponse(error: error)
        }
        let next = change.rotateContinuation(
            uri: publicURL.continuationURI(grantID: change.record.id), wait: change.record.lifecycle.waitSeconds)
        change.issuedTokens += issued.records
        change.audit(.tokensIssued, "\(issued.records.count) token(s) issued to the client")
        return GrantResponse(continue: next, accessToken: issued.response, subject: released)
    }
}

import GNAP

/// Delivers what an approval releases (RFC 9635 §3.2 tokens, §3.4 subject information) inside a grant transaction,
/// with a new `continue`: the grant stays approved, so the client can still modify (§5.3) or cancel (§5.4) it.
/// Shared by polling (§5.2) and by a modification that needs no new consent (§5.3).
struct GrantIssuance: Sendable {
    let services: ASServices
    /// The consenting account's identifiers and assertions, prepared before the transaction.
    let subject: PreparedSubject
    /// The continuation token that replaces the presented one.
    let continuationToken: String

    /// Issues the tokens of `selection` for `record` as it stands. If nothing can be released any more (e.g. only
    /// `email` was released and the account has lost its address), the grant is finalized with `request_denied`.
    func deliver(
        _ selection: ApprovalSelection, record: inout GrantRecord, machine: inout GrantLifecycle<AnyWallClock>,
        audit: [AuditEvent] = [], revoking revocation: TokenRevocation? = nil
    ) -> GrantMutation<GrantResponse> {
        let now = machine.clock.now
        let config = services.configuration
        let issued = TokenIssuer(
            grant: record, selection: selection, secrets: record.tokens.map { _ in TokenIssuer.Secrets() }, now: now,
            lifetime: config.accessTokenLifetime, durability: config.durableTokens,
            manageURI: services.tokenManagementURI(tokenID:))
        // §3.4: only identifiers and assertions in the formats the approver released.
        let released = subject.response(for: selection)
        guard issued.response != nil || released != nil else {
            let action = machine.event(.nothingReleased)
            record.lifecycle = machine.state
            let error =
                if case .respondError(let error) = action { error } else {
                    GNAPError(.requestDenied, "the approval no longer releases anything")
                }
            return GrantMutation(
                GrantResponse(error: error),
                audit: audit + [
                    AuditEvent(
                        grantID: record.id, at: now, kind: "grant.finalized",
                        detail: "nothing left to release; client told: \(error.code.rawValue)")
                ], revoking: revocation)
        }
        record.continuationTokenHash = Secrets.hash(continuationToken)
        return GrantMutation(
            GrantResponse(
                continue: ContinueResponse(
                    uri: services.continuationURI(grantID: record.id), wait: record.lifecycle.waitSeconds,
                    accessToken: TokenValue(value: continuationToken)),
                accessToken: issued.response, subject: released),
            issuedTokens: issued.records,
            audit: audit + [
                AuditEvent(
                    grantID: record.id, at: now, kind: "tokens.issued",
                    detail: "\(issued.records.count) token(s) issued to the client")
            ], revoking: revocation)
    }
}

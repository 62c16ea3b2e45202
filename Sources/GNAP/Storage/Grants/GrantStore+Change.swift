extension GrantStore {
    /// The one way a grant's state changes: in one transaction, loads grant `grantID`, lets `body` feed events to
    /// its state machine through a ``GrantChange``, and writes the new state with the audit entries, the token
    /// revocation and the issued tokens the change collected. If `body` throws (a ``GrantStepRefused`` when the
    /// machine refused the step), nothing is written and the error is rethrown.
    public func change<Value: Sendable, C: Clock & Sendable>(
        grantID: String, clock: C, _ body: @escaping @Sendable (inout GrantChange) throws -> Value
    ) async throws -> Value where C.Instant == WallInstant {
        try await updateGrant(id: grantID) { record in
            var change = GrantChange(record: record, now: clock.now)
            let value = try body(&change)
            record = change.recordToWrite
            return GrantMutation(
                value, issuedTokens: change.issuedTokens, audit: change.audit, revoking: change.revocations)
        }
    }
}

extension GrantStore {
    /// Creates a grant whose first step happens with its creation (a request within standing access, RFC 9635
    /// §1.6.4, is approved and delivered in the response to the request): `body` feeds events to the new grant's
    /// state machine through a ``GrantChange`` at `now`, and the grant is inserted with the audit entries and the
    /// tokens the change collected, in one transaction. If `body` throws, nothing is written.
    public func create<Value: Sendable>(
        _ record: GrantRecord, now: WallInstant, _ body: (inout GrantChange) throws -> Value
    ) async throws -> Value {
        var change = GrantChange(record: record, now: now)
        let value = try body(&change)
        try await insertGrant(change.recordToWrite, audit: change.audit, issuedTokens: change.issuedTokens)
        return value
    }
}

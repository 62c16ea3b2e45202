import GNAP

/// Asynchronous requests (RFC 9635 §1.6.3) and standing access (§1.6.4).
extension GrantService {
    /// Addresses the request to `account`'s inbox under the limits of §13 (``InboxLimits``), in one store
    /// transaction: created, merged into an identical pending request, or refused. With `interactive`, a refusal by
    /// the limits leaves the request reachable through its interaction only, and nothing is merged (the client needs
    /// its own user code).
    func createInInbox(_ draft: GrantDraft, account: Account, interactive: Bool) async throws -> GrantResponse {
        let limits = routing.asynchronous.limits
        let key = InboxRequestKey(
            instanceID: draft.instance.id, accountID: account.id,
            fingerprint: InboxLimits.fingerprint(of: draft.validated.request))
        let now = clock.now
        let client = draft.instance.id
        var lastError: (any Error)?
        for _ in 0..<3 {
            let pending = draft.pending(self, addressee: account)
            let admission: InboxAdmission
            do {
                admission = try await routing.inbox.admitInboxRequest(
                    key, at: now, window: limits.window, streakLimit: limits.denialsBeforeBlock
                ) { standing in
                    var standing = standing
                    if interactive { standing.identicalPendingGrantID = nil }
                    return limits.decide(
                        standing, client: client, user: "the user", creating: pending.record, audit: [pending.audit]
                    ) { limit in
                        AuditEvent(
                            grantID: nil, at: now, kind: .inboxRefused,
                            detail: "asynchronous request of client \(client) for user \(account.username) refused: "
                                + limit + (interactive ? "; still reachable through its interaction" : ""),
                            accountID: account.id)
                    }
                }
            } catch {
                // A user code collision (UNIQUE index): draw again.
                lastError = error
                continue
            }
            switch admission {
            case .create:
                routing.wakeup.signal()
                logger.info("grant created", metadata: ["grant": "\(pending.record.id)", "inbox": "true"])
                return pending.response
            case .merge(let grantID):
                if let response = try await merge(into: grantID, from: client) { return response }
            // The identical request was decided meanwhile: admit this one again.
            case .refuse(let error, _):
                if interactive { return try await createPending(draft) }
                throw APIError(error)
            }
        }
        throw lastError ?? APIError(GNAPError(.requestDenied, "the AS could not store the request"))
    }

    /// Merges a repeated request into the identical pending grant `grantID` (§13: not shown twice): the client
    /// continues that grant with a new continuation token. Nil when that grant is no longer waiting.
    private func merge(into grantID: String, from client: String) async throws -> GrantResponse? {
        let uri = publicURL.continuationURI(grantID: grantID)
        do {
            let response = try await routing.step.attempt(grantID: grantID) { change in
                guard change.record.instanceID == client else { throw GrantStepRefused(action: .refuse(.notForYou)) }
                let action = change.apply(.requestRepeated)
                guard case .respondPending(let wait) = action else { throw GrantStepRefused(action: action) }
                let repeats = change.record.lifecycle.inbox?.repeats ?? 0
                change.audit(
                    .inboxMerged,
                    "an identical request of client \(client) was merged into this one (\(repeats) repeat(s)); the "
                        + "client continues it with a new continuation token",
                    accountID: change.record.lifecycle.inbox?.accountID)
                return GrantResponse(continue: change.rotateContinuation(uri: uri, wait: wait), instanceID: client)
            }
            return response
        } catch is GrantStepRefused {
            return nil
        }
    }

    /// §1.6.4: the grant is created approved by the operator's standing access, with its tokens, in one transaction;
    /// the answer carries them and a `continue` (the grant can be modified or cancelled like any other).
    func createApproved(_ draft: GrantDraft, selection: ApprovalSelection) async throws -> GrantResponse {
        let lifecycle = GrantLifecycle.start(
            clock: clock, interactionLifetime: interactionLifetime, waitSeconds: pollInterval)
        let record = draft.record(
            lifecycle.state, continuationTokenHash: Secrets.hash(Secrets.token()), userCodeHash: nil, start: nil)
        let created = draft.createdAudit(record, addressee: nil)
        let issuance = routing.issuance
        let instanceID = draft.instance.id
        let rights = draft.validated.tokens.flatMap { $0.access.map(\.summary) }
        let response = try await grants.create(record, now: lifecycle.state.createdAt) { change in
            change.audit(created.kind, created.detail)
            try change.require(.approveByPolicy(selection), yields: .issueTokens(selection))
            change.audit(
                .grantApprovedByPolicy,
                "approved by the operator's standing access for client \(instanceID) (software-only, no person): "
                    + "\(rights.count) right(s): \(rights.joined(separator: "; "))")
            var response = try issuance.deliver(
                selection, subject: PreparedSubject(selection: selection), change: &change)
            response.instanceID = instanceID
            return response
        }
        routing.wakeup.signal()
        logger.info("grant created", metadata: ["grant": "\(record.id)", "standing-access": "true"])
        return response
    }
}

import GNAP

/// Grant modification (RFC 9635 §5.3, `PATCH` on the continuation URI): merges the changed fields into the request,
/// lets the grant state machine re-evaluate it inside one transaction, and answers with new tokens (no more than was
/// consented), or with a new interaction (more than was consented). Tokens issued before are never altered; those
/// not flagged `durable` are revoked (§3.2.1).
struct ModificationService: Sendable {
    let services: ASServices

    func modify(grantID: String, _ signed: SignedRequest) async throws(APIError) -> GrantResponse {
        let (grant, token) = try await ContinuationAuthenticator(services: services).authenticate(
            grantID: grantID, signed)
        let modification = try ModificationRequest(
            body: signed.body, original: grant.request, policy: services.configuration.requestPolicy)
        let merged = modification.merged
        // The account whose consent a covered modification reuses (and whose subject information it may release).
        let consenting = grant.lifecycle.approval?.approver ?? grant.lifecycle.granted?.approver
        let user = try await requestedUser(modification, grant: grant, consenting: consenting)
        let consent = consenting.map { approver in
            Approval(
                approver: approver,
                selection: ApprovalSelection(
                    rights: [], subjectFormats: merged.subjectFormats, assertionFormats: merged.assertionFormats),
                at: grant.lifecycle.approval?.at ?? grant.lifecycle.granted?.lastApprovedAt ?? services.clock.now)
        }
        let subject = try await PreparedSubject.prepare(for: grant, approval: consent, services: services)
        let pepper: [UInt8]
        do {
            pepper = try await services.userCodePepper()
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not prepare a user code"))
        }
        // A new user code could collide with a live one (UNIQUE index, 1 in 2^40 per live code): draw again.
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try await apply(
                    merged, user: user, grantID: grantID, token: token, subject: subject, code: UserCode.generate(),
                    pepper: pepper
                ).throwingError()
            } catch let error as APIError {
                throw error
            } catch {
                guard attempts < 3 else {
                    services.logger.error(
                        "grant modification failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                    throw APIError(
                        .internalServerError, GNAPError(.requestDenied, "the AS could not update the grant"))
                }
            }
        }
    }

    private func apply(
        _ merged: ValidatedGrantRequest, user: RequestedUser?, grantID: String, token: String,
        subject: PreparedSubject, code: UserCode, pepper: [UInt8]
    ) async throws -> GrantResponse {
        let services = self.services
        let clock = services.clock
        let lifetime = services.configuration.interactionLifetime
        let newContinuationToken = Secrets.token()
        let codeHash = Secrets.hash(code, pepper: pepper)
        // A new interaction gets new start values (interaction URL, finish nonce), drawn as for a new grant.
        let start = InteractionStart(merged, services: services)
        let offersCode =
            merged.startModes.contains(StartMode.userCode) || merged.startModes.contains(StartMode.userCodeURI)
        return try await services.store.updateGrant(id: grantID) { record in
            // Re-check inside the transaction: a concurrent call may have rotated the token.
            guard Secrets.matches(token, storedHash: record.continuationTokenHash) else {
                return GrantMutation(GrantResponse(error: ContinuationService.unknownGrant))
            }
            var machine = GrantLifecycle(state: record.lifecycle, clock: clock)
            let action = machine.event(
                .modify(
                    GrantModification(
                        currentTokens: record.tokens, tokens: merged.tokens, subjectFormats: merged.subjectFormats,
                        assertionFormats: merged.assertionFormats,
                        canInteract: !merged.startModes.isEmpty, interactionLifetime: lifetime,
                        expectsInteractRef: start.finish != nil)))
            record.lifecycle = machine.state
            let now = clock.now
            // §5.3 "The AS MAY revoke previously-issued access tokens after a modification": those not `durable`.
            let revocation = TokenRevocation(keepsDurable: true, at: now, reason: "the client modified the grant")
            switch action {
            case .issueTokens(let selection):
                record.adopt(merged, user: user)
                return GrantIssuance(services: services, subject: subject, continuationToken: newContinuationToken)
                    .deliver(
                        selection, record: &record, machine: &machine,
                        audit: [Self.audit(record, merged, at: now, "within what was approved: granted at once")],
                        revoking: revocation)
            case .restartInteraction(let wait):
                record.adopt(merged, user: user)
                // The previous code, interaction URL and finish are gone with the previous interaction.
                record.userCodeHash = offersCode ? codeHash : nil
                record.interactionIDHash = start.interactionIDHash
                record.finish = start.finish
                record.continuationTokenHash = Secrets.hash(newContinuationToken)
                var interact = InteractionOffer.response(startModes: merged.startModes, code: code, services: services)
                start.apply(to: &interact)
                return GrantMutation(
                    GrantResponse(
                        continue: ContinueResponse(
                            uri: services.continuationURI(grantID: record.id), wait: wait,
                            accessToken: TokenValue(value: newContinuationToken)),
                        interact: interact),
                    audit: [Self.audit(record, merged, at: now, "asks for more than was approved: new interaction")],
                    revoking: revocation)
            case .respondTooFast(let error, let wait), .respondErrorContinuing(let error, let wait):
                record.continuationTokenHash = Secrets.hash(newContinuationToken)
                return GrantMutation(
                    GrantResponse(
                        continue: ContinueResponse(
                            uri: services.continuationURI(grantID: record.id), wait: wait,
                            accessToken: TokenValue(value: newContinuationToken)),
                        error: error))
            case .respondError(let error):
                return GrantMutation(GrantResponse(error: error), audit: Self.finalizedAudit(record, error, at: now))
            case .respondPending, .interactionBound, .approved, .denied, .interactionFinished, .refuse, .cancelled:
                return GrantMutation(GrantResponse(error: GNAPError(.requestDenied, "unexpected grant state")))
            }
        }
    }

    private static func audit(
        _ record: GrantRecord, _ merged: ValidatedGrantRequest, at now: WallInstant, _ outcome: String
    )
        -> AuditEvent
    {
        let rights = merged.tokens.flatMap { $0.access.map(\.summary) }
        let formats = merged.subjectFormats.isEmpty ? "" : "; subject: " + merged.subjectFormats.joined(separator: ", ")
        return AuditEvent(
            grantID: record.id, at: now, kind: "grant.modified",
            detail: "the client now asks for \(merged.tokens.count) token(s) with \(rights.count) right(s): "
                + rights.joined(separator: "; ") + formats + "; " + outcome)
    }

    /// An audit event when this call finalized the grant (e.g. it was denied or its interaction expired).
    static func finalizedAudit(_ record: GrantRecord, _ error: GNAPError, at now: WallInstant) -> [AuditEvent] {
        guard record.lifecycle.status == .finalized, record.lifecycle.finalizedAt == now else { return [] }
        return [
            AuditEvent(
                grantID: record.id, at: now, kind: "grant.finalized", detail: "client told: \(error.code.rawValue)")
        ]
    }
}

extension GrantRecord {
    /// Takes the modified request as the grant's request (§5.3: it "override[s] any values in the initial request").
    mutating func adopt(_ merged: ValidatedGrantRequest, user: RequestedUser?) {
        request = merged.request
        tokens = merged.tokens
        subjectFormats = merged.subjectFormats
        assertionFormats = merged.assertionFormats
        startModes = merged.startModes
        requestedUser = user
        uiLocales = merged.uiLocales.isEmpty ? nil : merged.uiLocales
    }
}

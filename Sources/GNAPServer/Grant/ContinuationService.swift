import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// The continuation endpoint (RFC 9635 §5): authenticates the continuation token and the key proof, then feeds the
/// grant state machine one `continuationCall` inside a transaction and answers with what it decided.
struct ContinuationService: Sendable {
    let services: ASServices

    func continueGrant(id: String, _ signed: SignedRequest) async throws(APIError) -> GrantResponse {
        guard let token = signed.gnapToken else {
            throw APIError(GNAPError(.invalidContinuation, "present the continuation token as 'Authorization: GNAP …'"))
        }
        let grant: GrantRecord
        do {
            guard let found = try await services.store.grant(id: id) else { throw APIError(Self.unknownGrant) }
            grant = found
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the grant"))
        }
        // §5: the URI and the token together identify the grant; both must match.
        guard Secrets.matches(token, storedHash: grant.continuationTokenHash) else { throw APIError(Self.unknownGrant) }
        // §5: continuation calls are signed by the grant's key and cover the `authorization` field.
        try await ClientProof(services: services).verify(signed, key: grant.clientKey)
        let interactRef = try checkBody(signed.body)
        let subject = try await PreparedSubject.prepare(for: grant, services: services)
        let newContinuationToken = Secrets.token()
        let services = self.services
        let clock = services.clock
        let uri = services.continuationURI(grantID: id)
        do {
            return try await services.store.updateGrant(id: id) { record in
                // Re-check inside the transaction: a concurrent call may have rotated the token.
                guard Secrets.matches(token, storedHash: record.continuationTokenHash) else {
                    return GrantMutation(GrantResponse(error: Self.unknownGrant))
                }
                var machine = GrantLifecycle(state: record.lifecycle, clock: clock)
                // §5.1 with an interaction reference, §5.2 without.
                var action = machine.event(
                    interactRef.map { .continuationCallWithInteractRef($0) } ?? .continuationCall)
                if case .issueTokens(let selection) = action, selection != subject.selection {
                    // Approved after the subject information was prepared: answer as still pending (nothing is
                    // finalized, an interaction reference is not spent) and let the next call release it.
                    action = machine.deferIssuance(previous: record.lifecycle)
                }
                record.lifecycle = machine.state
                let now = clock.now
                switch action {
                case .respondPending(let wait):
                    record.continuationTokenHash = Secrets.hash(newContinuationToken)
                    return GrantMutation(
                        GrantResponse(
                            continue: ContinueResponse(
                                uri: uri, wait: wait, accessToken: TokenValue(value: newContinuationToken)),
                            interactionStarted: record.lifecycle.codeEnteredAt == nil ? nil : true))
                case .issueTokens(let selection):
                    return GrantIssuance(services: services, subject: subject, continuationToken: newContinuationToken)
                        .deliver(selection, record: &record, machine: &machine)
                case .respondTooFast(let error, let wait), .respondErrorContinuing(let error, let wait):
                    record.continuationTokenHash = Secrets.hash(newContinuationToken)
                    return GrantMutation(
                        GrantResponse(
                            continue: ContinueResponse(
                                uri: uri, wait: wait, accessToken: TokenValue(value: newContinuationToken)),
                            error: error))
                case .respondError(let error):
                    let audit: [AuditEvent] =
                        record.lifecycle.status == .finalized && record.lifecycle.finalizedAt == now
                        ? [
                            AuditEvent(
                                grantID: record.id, at: now, kind: "grant.finalized",
                                detail: "client told: \(error.code.rawValue)")
                        ] : []
                    return GrantMutation(GrantResponse(error: error), audit: audit)
                case .interactionBound, .approved, .denied, .interactionFinished, .refuse, .restartInteraction,
                    .cancelled:
                    return GrantMutation(GrantResponse(error: GNAPError(.requestDenied, "unexpected grant state")))
                }
            }.throwingError()
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not update the grant"))
        }
    }

    static let unknownGrant = GNAPError(
        .invalidContinuation, "no active grant request matches this continuation URI and token")

    /// §5.2: polling has no content; §5.1: continuing after interaction carries `{"interact_ref": …}`, returned.
    private func checkBody(_ body: [UInt8]) throws(APIError) -> String? {
        guard !body.isEmpty else { return nil }
        let object: [String: JSONValue]
        do {
            object = try GNAPJSON.decodeRequest([String: JSONValue].self, from: body)
        } catch {
            throw APIError(GNAPError(.invalidRequest, "continuation content must be a JSON object"))
        }
        if let reference = object["interact_ref"] {
            guard case .string(let value) = reference, !value.isEmpty else {
                throw APIError(GNAPError(.invalidRequest, "'interact_ref' must be a non-empty string"))
            }
            return value
        }
        if !object.isEmpty {
            throw APIError(
                GNAPError(.invalidRequest, "to modify the grant use PATCH (RFC 9635 §5.3); poll with an empty body"))
        }
        return nil
    }
}

extension GrantResponse {
    /// Turns an error-only response built inside a transaction into a thrown API error (after the transaction has
    /// committed any state change, such as finalizing an expired grant).
    func throwingError() throws(APIError) -> GrantResponse {
        if let error, self.continue == nil, accessToken == nil { throw APIError(error) }
        return self
    }

    /// The HTTP status for a response that carries both an error and `continue` (e.g. `too_fast`).
    var status: HTTPResponse.Status { error.map { APIError($0).status } ?? .ok }
}

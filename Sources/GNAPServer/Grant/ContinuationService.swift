import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// The continuation endpoint (RFC 9635 §5): authenticates the continuation token and the key proof, then feeds the
/// grant state machine one `continuationCall` inside a transaction and answers with what it decided.
struct ContinuationService: Sendable {
    let authenticator: ContinuationAuthenticator
    let step: GrantStep
    let subjects: SubjectPreparer
    let issuance: GrantIssuance
    let publicURL: PublicURL

    func continueGrant(id: String, _ signed: SignedRequest) async throws(APIError) -> GrantResponse {
        let continuation = try await authenticator.authenticate(grantID: id, signed)
        let interactRef = try checkBody(signed.content)
        let subject = try await subjects.prepare(for: continuation.grant)
        let issuance = issuance
        let uri = publicURL.continuationURI(grantID: id)
        return try await step.run(grantID: id, failure: "the AS could not update the grant") { change in
            try continuation.recheck(&change)
            let before = change.record.lifecycle
            // §5.1 with an interaction reference, §5.2 without.
            var action = change.apply(interactRef.map { .continuationCallWithInteractRef($0) } ?? .continuationCall)
            if case .issueTokens(let selection) = action, selection != subject.selection {
                // Approved after the subject information was prepared: answer as still pending (nothing is
                // finalized, an interaction reference is not spent) and let the next call release it.
                action = change.apply(.issuanceDeferred(previous: before))
            }
            switch action {
            case .respondPending(let wait):
                // For an asynchronous request (RFC 9635 §1.6.3), a terminal of the addressee opened it.
                let lifecycle = change.record.lifecycle
                let started = lifecycle.codeEnteredAt != nil || lifecycle.inbox?.seen.isEmpty == false
                return GrantResponse(
                    continue: change.rotateContinuation(uri: uri, wait: wait), interactionStarted: started ? true : nil)
            case .issueTokens(let selection):
                return try issuance.deliver(selection, subject: subject, change: &change)
            case .respondTooFast(let error, let wait), .respondErrorContinuing(let error, let wait):
                return GrantResponse(continue: change.rotateContinuation(uri: uri, wait: wait), error: error)
            case .respondError(let error):
                change.auditFinalAnswer(error)
                return GrantResponse(error: error)
            case .interactionBound, .approved, .denied, .interactionFinished, .refuse, .restartInteraction,
                .cancelled, .revokeTokens, .interactionExpired, .unchanged:
                return GrantResponse(error: GNAPError(.requestDenied, "unexpected grant state"))
            }
        }.throwingError()
    }

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

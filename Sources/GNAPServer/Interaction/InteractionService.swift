import GNAP
import HTTPMessageSignatures

/// The approver interaction API: enroll a device, enter a user code, review, approve (all or part), deny.
struct InteractionService: Sendable {
    let services: ASServices
    var authenticator: ApproverAuthenticator { ApproverAuthenticator(services: services) }

    // MARK: Enrollment

    func enroll(_ signed: SignedRequest) async throws(APIError) -> EnrollmentResponse {
        let request: EnrollmentRequest
        do {
            request = try GNAPJSON.decodeRequest(EnrollmentRequest.self, from: signed.body)
        } catch {
            throw APIError(error)
        }
        let name = request.deviceName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw APIError(GNAPError(.invalidRequest, "device_name must be 1 to 100 characters"))
        }
        guard !request.jwk.isPrivate, let key = try? VerificationKey(jwk: request.jwk),
            let thumbprint = try? request.jwk.thumbprint()
        else {
            throw APIError(GNAPError(.invalidRequest, "jwk must be a public key with a determinable algorithm"))
        }
        // The request must be signed by the key being enrolled (proof of possession); keyid is its thumbprint.
        try await authenticator.verify(signed, key: key, keyID: thumbprint)
        let now = services.clock.now
        do {
            // Refuse an already-enrolled key before spending the one-time code on it.
            if try await services.store.device(thumbprint: thumbprint) != nil {
                throw APIError(.conflict, GNAPError(.enrollmentRefused, "this key is already enrolled"))
            }
            guard let code = try? EnrollmentCode(parsing: request.code),
                let redeemed = try await services.store.redeemEnrollmentCode(
                    hash: Secrets.hash(code.normalized), at: now),
                let account = try await services.store.account(id: redeemed.accountID), !account.disabled
            else {
                throw APIError(
                    .forbidden, GNAPError(.enrollmentRefused, "the enrollment code is unknown, used or expired"))
            }
            let device = ApproverDevice(
                id: Secrets.identifier(), accountID: account.id, name: name, jwk: request.jwk.publicKey,
                thumbprint: thumbprint, enrolledAt: now)
            try await services.store.insertDevice(device)
            try await services.store.appendAudit([
                AuditEvent(
                    grantID: nil, at: now, kind: "device.enrolled",
                    detail: "device '\(name)' (\(thumbprint)) enrolled for \(account.username)", accountID: account.id,
                    actor: "device:\(device.id)")
            ])
            return EnrollmentResponse(
                deviceID: device.id,
                account: AccountSummary(
                    username: account.username, displayName: account.displayName, role: account.role))
        } catch let error as APIError {
            throw error
        } catch StoreError.conflict {
            throw APIError(.conflict, GNAPError(.enrollmentRefused, "this key is already enrolled"))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not enroll the device"))
        }
    }

    // MARK: Code entry and review

    func enterCode(_ signed: SignedRequest) async throws(APIError) -> InteractionReview {
        let approver = try await authenticator.authenticate(signed)
        let request: CodeEntryRequest
        let code: UserCode
        do {
            request = try GNAPJSON.decodeRequest(CodeEntryRequest.self, from: signed.body)
        } catch {
            throw APIError(error)
        }
        do {
            code = try UserCode(parsing: request.userCode)
        } catch {
            throw APIError(GNAPError(.userCodeMalformed, error.description))
        }
        let grant = try await guardedGrant(userCode: code, approver: approver)
        return try await bind(grantID: grant.id, to: approver, arrival: Self.byUserCode)
    }

    func review(grantID: String, _ signed: SignedRequest) async throws(APIError) -> InteractionReview {
        let approver = try await authenticator.authenticate(signed)
        let grant: GrantRecord?
        do {
            grant = try await services.store.grant(id: grantID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the request"))
        }
        guard let grant, grant.lifecycle.boundApprover == approver.ref else {
            throw APIError(GNAPError(.notFound, "no request with this id is bound to you"))
        }
        return ReviewBuilder.review(
            of: grant, catalog: services.configuration.catalog, approver: approver.account,
            issuer: services.publicURL.base)
    }

    // MARK: Decisions

    func approve(grantID: String, _ signed: SignedRequest) async throws(APIError) -> DecisionResponse {
        let approver = try await authenticator.authenticate(signed)
        let request: ApprovalRequest
        do {
            request = try GNAPJSON.decodeRequest(ApprovalRequest.self, from: signed.body)
        } catch {
            throw APIError(error)
        }
        let ref = approver.ref
        let clock = services.clock
        let issuer = services.publicURL.base
        let account = approver.account
        let releasable = Set(SubjectRelease.identifiers(for: account, issuer: issuer).map(\.format))
        let interactRef = Secrets.identifier()
        let record = try await mutate(grantID: grantID) { record in
            guard record.lifecycle.boundApprover == ref else {
                return GrantMutation(.failure(RefusedStep(action: .refuse(.codeNotEntered))))
            }
            if let user = record.requestedUser, user.namesAUser, !user.matches(account, issuer: issuer) {
                return Self.refuseForUser(&record, by: ref, interactRef: interactRef, clock: clock)
            }
            var selection = try ReviewBuilder.selection(request, of: record)
            // A format this account has no value for (e.g. email without an address) releases nothing; an approval
            // that would release nothing at all is refused by the state machine.
            selection.subjectFormats = selection.subjectFormats.filter(releasable.contains)
            var machine = GrantLifecycle(state: record.lifecycle, clock: clock)
            let action = machine.event(.approve(by: ref, selection: selection))
            guard action == .approved else { return GrantMutation(.failure(RefusedStep(action: action))) }
            record.lifecycle = machine.state
            let granted = zip(record.tokens, selection.rights).flatMap { token, indices in
                indices.map { token.access[$0].summary }
            }
            let released = selection.subjectFormats + selection.assertionFormats
            let detail =
                "approved \(granted.count) right(s): \(granted.joined(separator: "; "))"
                + (released.isEmpty ? "" : "; released \(released.joined(separator: ", "))")
            let finished = Self.recordInteractRef(&record, interactRef, clock: clock)
            return GrantMutation(
                .success(record),
                audit: [
                    AuditEvent(
                        grantID: record.id, at: clock.now, kind: "grant.approved", detail: detail,
                        accountID: ref.accountID)
                ] + finished)
        }
        // §4.2: the finish method is enacted for a refusal too, so the client learns the outcome.
        let finish = await followFinish(of: record, interactRef: interactRef)
        if record.lifecycle.denial?.code == .unknownUser {
            throw APIError(.forbidden, Self.notTheNamedUser)
        }
        return DecisionResponse(grantID: record.id, status: record.lifecycle.status, finish: finish)
    }

    func deny(grantID: String, _ signed: SignedRequest) async throws(APIError) -> DecisionResponse {
        let approver = try await authenticator.authenticate(signed)
        let request: DenialRequest
        do {
            request = try GNAPJSON.decodeRequest(DenialRequest.self, from: signed.body)
        } catch {
            throw APIError(error)
        }
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 500 else {
            throw APIError(GNAPError(.invalidRequest, "a reason of 1 to 500 characters is required"))
        }
        let ref = approver.ref
        let clock = services.clock
        let interactRef = Secrets.identifier()
        let record = try await mutate(grantID: grantID) { record in
            guard record.lifecycle.boundApprover == ref else {
                return GrantMutation(.failure(RefusedStep(action: .refuse(.codeNotEntered))))
            }
            var machine = GrantLifecycle(state: record.lifecycle, clock: clock)
            let action = machine.event(.deny(by: ref, reason: reason))
            guard action == .denied else { return GrantMutation(.failure(RefusedStep(action: action))) }
            record.lifecycle = machine.state
            // §4.2: "in many error cases, such as when the RO has denied access, the finish method is still enacted".
            let finished = Self.recordInteractRef(&record, interactRef, clock: clock)
            return GrantMutation(
                .success(record),
                audit: [
                    AuditEvent(
                        grantID: record.id, at: clock.now, kind: "grant.denied", detail: "denied: \(reason)",
                        accountID: ref.accountID)
                ] + finished)
        }
        return DecisionResponse(
            grantID: record.id, status: record.lifecycle.status,
            finish: await followFinish(of: record, interactRef: interactRef))
    }

    // MARK: Helpers

    func grant(userCode: UserCode) async throws(APIError) -> GrantRecord {
        do {
            let pepper = try await services.userCodePepper()
            guard let grant = try await services.store.grant(userCodeHash: Secrets.hash(userCode, pepper: pepper))
            else {
                throw APIError(GNAPError(.userCodeUnknown, "no request has the code \(userCode.display)"))
            }
            return grant
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up the code"))
        }
    }

    /// Runs a state-machine step in a transaction; a refused step leaves the grant unchanged and becomes an error
    /// (described by `errors`).
    func mutate(
        grantID: String, errors: (GrantAction) -> GNAPError = Self.error(for:),
        _ body: @escaping @Sendable (inout GrantRecord) throws -> GrantMutation<Result<GrantRecord, RefusedStep>>
    ) async throws(APIError) -> GrantRecord {
        let outcome: Result<GrantRecord, RefusedStep>
        do {
            outcome = try await services.store.updateGrant(id: grantID) { record in
                let original = record
                let mutation = try body(&record)
                if case .failure = mutation.result { record = original }
                return mutation
            }
        } catch let error as GNAPError {
            throw APIError(error)
        } catch StoreError.notFound {
            throw APIError(GNAPError(.notFound, "no request with this id"))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not update the request"))
        }
        switch outcome {
        case .success(let record): return record
        case .failure(let refused): throw APIError(errors(refused.action))
        }
    }

    static func error(for action: GrantAction) -> GNAPError {
        guard case .refuse(let refusal) = action else { return GNAPError(.requestDenied, "unexpected state") }
        switch refusal {
        case .expired: return GNAPError(.userCodeExpired, refusal.description)
        case .boundToAnotherApprover: return GNAPError(.userCodeUsed, refusal.description)
        case .alreadyDecided: return GNAPError(.alreadyDecided, refusal.description)
        case .codeNotEntered: return GNAPError(.notFound, "no request with this id is bound to you")
        case .nothingSelected: return GNAPError(.invalidRequest, refusal.description)
        case .cancelled: return GNAPError(.userCodeExpired, refusal.description)
        case .anotherAccountsGrant: return GNAPError(.userCodeUsed, refusal.description)
        case .startedWithUserCode, .startedWithInteractionURL: return GNAPError(.startModeUsed, refusal.description)
        }
    }
}

/// A state-machine step the machine refused; carried out of the transaction as a value.
struct RefusedStep: Error {
    let action: GrantAction
}

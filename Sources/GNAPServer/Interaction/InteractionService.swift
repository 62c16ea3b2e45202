import GNAP
import Logging

/// The approver interaction API: enter a user code (or open an interaction URL), review, approve (all or part),
/// deny. Every decision is one grant step (``GrantStep``) with its audit entries.
struct InteractionService: Sendable {
    let authenticator: ApproverAuthenticator
    let grants: any GrantStore
    let step: GrantStep
    /// Failed code entries are audited outside any grant.
    let administration: any AdministrationStore
    /// User-code brute-force limits (per device and AS-wide).
    let codeAttempts: CodeAttemptGuard
    /// The AS's descriptions of each right, shown in the review.
    let catalog: AccessCatalog
    /// Which resource server serves each right, named in the review (RFC 9767 §3.4).
    let servers: any ResourceServerStore
    let userCodePepper: [UInt8]
    let publicURL: PublicURL
    /// Sends `push` interaction finishes (§4.2.2).
    let pushes: FinishPushDelivery
    let logger: Logger

    var clock: AnyWallClock { step.clock }

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
            grant = try await grants.grant(id: grantID)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the request"))
        }
        guard let grant, Self.mayDecide(grant, approver.ref) else {
            throw APIError(GNAPError(.notFound, "no request with this id is bound to you"))
        }
        return ReviewBuilder.review(
            of: grant, catalog: catalog, servers: await resourceServers(), approver: approver.account,
            issuer: publicURL.base)
    }

    /// The known resource servers for a review; without them the review still shows every right, unattributed.
    func resourceServers() async -> ResourceServerDirectory {
        (try? await servers.resourceServerDirectory()) ?? ResourceServerDirectory()
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
        let issuer = publicURL.base
        let account = approver.account
        let releasable = Set(SubjectRelease.identifiers(for: account, issuer: issuer).map(\.format))
        let interactRef = Secrets.identifier()
        let record = try await decision(grantID: grantID, by: ref) { change in
            guard Self.mayDecide(change.record, ref) else {
                throw GrantStepRefused(action: .refuse(.codeNotEntered))
            }
            if let user = change.record.requestedUser, user.namesAUser, !user.matches(account, issuer: issuer) {
                try Self.refuseForUser(&change, by: ref, interactRef: interactRef)
                return change.record
            }
            var selection = try ReviewBuilder.selection(request, of: change.record)
            // A format this account has no value for (e.g. email without an address) releases nothing; an approval
            // that would release nothing at all is refused by the state machine.
            selection.subjectFormats = selection.subjectFormats.filter(releasable.contains)
            try change.require(.approve(by: ref, selection: selection), yields: .approved)
            let granted = zip(change.record.tokens, selection.rights).flatMap { token, indices in
                indices.map { token.access[$0].summary }
            }
            let released = selection.subjectFormats + selection.assertionFormats
            change.audit(
                .grantApproved,
                "approved \(granted.count) right(s): \(granted.joined(separator: "; "))"
                    + (released.isEmpty ? "" : "; released \(released.joined(separator: ", "))"),
                accountID: ref.accountID)
            Self.recordInteractRef(&change, interactRef)
            return change.record
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
        let interactRef = Secrets.identifier()
        let record = try await decision(grantID: grantID, by: ref) { change in
            guard Self.mayDecide(change.record, ref) else {
                throw GrantStepRefused(action: .refuse(.codeNotEntered))
            }
            try change.require(.deny(by: ref, reason: reason), yields: .denied)
            change.audit(.grantDenied, "denied: \(reason)", accountID: ref.accountID)
            // §4.2: "in many error cases, such as when the RO has denied access, the finish method is still enacted".
            Self.recordInteractRef(&change, interactRef)
            return change.record
        }
        return DecisionResponse(
            grantID: record.id, status: record.lifecycle.status,
            finish: await followFinish(of: record, interactRef: interactRef))
    }

    // MARK: Helpers

    func grant(userCode: UserCode) async throws(APIError) -> GrantRecord {
        do {
            guard let grant = try await grants.grant(userCodeHash: Secrets.hash(userCode, pepper: userCodePepper))
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
}

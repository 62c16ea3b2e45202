import GNAP
import Logging

/// Grant modification (RFC 9635 §5.3, `PATCH` on the continuation URI): merges the changed fields into the request,
/// lets the grant state machine re-evaluate it inside one transaction, and answers with new tokens (no more than was
/// consented), or with a new interaction (more than was consented). Tokens issued before are never altered; those
/// not flagged `durable` are revoked (§3.2.1).
struct ModificationService: Sendable {
    let authenticator: ContinuationAuthenticator
    let step: GrantStep
    let accounts: any AccountStore
    let users: UserResolver
    let subjects: SubjectPreparer
    let issuance: GrantIssuance
    /// Registered resource references in the modified request → their rights (RFC 9767 §3.4).
    let expander: ResourceSetExpander
    /// What grant requests may ask for; a modified request is validated like a new one.
    let policy: GrantRequestPolicy
    /// How long a new interaction stays usable.
    let interactionLifetime: Duration
    let userCodePepper: [UInt8]
    let publicURL: PublicURL
    let logger: Logger

    func modify(grantID: String, _ signed: SignedRequest) async throws(APIError) -> GrantResponse {
        let continuation = try await authenticator.authenticate(grantID: grantID, signed)
        let grant = continuation.grant
        let modification = try ModificationRequest(body: signed.content, original: grant.request, policy: policy)
        let merged = try await expander.expand(modification.merged)
        // The account whose consent a covered modification reuses (and whose subject information it may release).
        let consenting = grant.lifecycle.approval?.approver ?? grant.lifecycle.granted?.approver
        let user = try await requestedUser(modification, grant: grant, consenting: consenting)
        let consent = consenting.map { approver in
            Approval(
                approver: approver,
                selection: ApprovalSelection(
                    rights: [], subjectFormats: merged.subjectFormats, assertionFormats: merged.assertionFormats),
                at: grant.lifecycle.approval?.at ?? grant.lifecycle.granted?.lastApprovedAt ?? step.clock.now)
        }
        let subject = try await subjects.prepare(for: grant, approval: consent)
        // A new user code could collide with a live one (UNIQUE index, 1 in 2^40 per live code): draw again.
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try await apply(
                    merged, user: user, continuation: continuation, subject: subject, code: UserCode.generate()
                ).throwingError()
            } catch let error as APIError {
                throw error
            } catch {
                guard attempts < 3 else {
                    logger.error(
                        "grant modification failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                    throw APIError(
                        .internalServerError, GNAPError(.requestDenied, "the AS could not update the grant"))
                }
            }
        }
    }

    private func apply(
        _ merged: ValidatedGrantRequest, user: RequestedUser?, continuation: ContinuationAuthenticator.Continuation,
        subject: PreparedSubject, code: UserCode
    ) async throws -> GrantResponse {
        let lifetime = interactionLifetime
        let publicURL = publicURL
        let issuance = issuance
        let codeHash = Secrets.hash(code, pepper: userCodePepper)
        // A new interaction gets new start values (interaction URL, finish nonce), drawn as for a new grant.
        let start = InteractionStart(merged, publicURL: publicURL)
        let offersCode =
            merged.startModes.contains(StartMode.userCode) || merged.startModes.contains(StartMode.userCodeURI)
        return try await step.attempt(grantID: continuation.grant.id) { change in
            try continuation.recheck(&change)
            let action = change.apply(
                .modify(
                    GrantModification(
                        currentTokens: change.record.tokens, tokens: merged.tokens,
                        subjectFormats: merged.subjectFormats, assertionFormats: merged.assertionFormats,
                        canInteract: !merged.startModes.isEmpty, interactionLifetime: lifetime,
                        expectsInteractRef: start.finish != nil)))
            let uri = publicURL.continuationURI(grantID: change.record.id)
            // §5.3 "The AS MAY revoke previously-issued access tokens after a modification": those not `durable`.
            let revocation = TokenRevocation(
                keepsDurable: true, at: change.now, reason: "the client modified the grant")
            switch action {
            case .issueTokens(let selection):
                change.record.adopt(merged, user: user)
                change.audit(.grantModified, Self.detail(merged, "within what was approved: granted at once"))
                change.revoke(revocation)
                return try issuance.deliver(selection, subject: subject, change: &change)
            case .restartInteraction(let wait):
                change.record.adopt(merged, user: user)
                // The previous code, interaction URL and finish are gone with the previous interaction.
                change.record.userCodeHash = offersCode ? codeHash : nil
                change.record.interactionIDHash = start.interactionIDHash
                change.record.finish = start.finish
                let next = change.rotateContinuation(uri: uri, wait: wait)
                var interact = InteractionOffer.response(
                    startModes: merged.startModes, code: code, lifetime: lifetime, publicURL: publicURL)
                start.apply(to: &interact)
                change.audit(.grantModified, Self.detail(merged, "asks for more than was approved: new interaction"))
                change.revoke(revocation)
                // An asynchronous request (RFC 9635 §1.6.3) without `interact` goes back to its addressee's inbox.
                return GrantResponse(continue: next, interact: merged.interacts ? interact : nil)
            case .respondTooFast(let error, let wait), .respondErrorContinuing(let error, let wait):
                return GrantResponse(continue: change.rotateContinuation(uri: uri, wait: wait), error: error)
            case .respondError(let error):
                change.auditFinalAnswer(error)
                return GrantResponse(error: error)
            case .respondPending, .interactionBound, .approved, .denied, .interactionFinished, .refuse, .cancelled,
                .revokeTokens, .interactionExpired, .unchanged:
                return GrantResponse(error: GNAPError(.requestDenied, "unexpected grant state"))
            }
        }
    }

    /// The `grant.modified` audit detail: what the client now asks for, and what came of it.
    private static func detail(_ merged: ValidatedGrantRequest, _ outcome: String) -> String {
        let rights = merged.tokens.flatMap { $0.access.map(\.summary) }
        let formats = merged.subjectFormats.isEmpty ? "" : "; subject: " + merged.subjectFormats.joined(separator: ", ")
        return "the client now asks for \(merged.tokens.count) token(s) with \(rights.count) right(s): "
            + rights.joined(separator: "; ") + formats + "; " + outcome
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
        tokenFormats = merged.tokenFormats.contains { $0 != nil } ? merged.tokenFormats : nil
    }
}

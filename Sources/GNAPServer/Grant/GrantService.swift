import GNAP
import HTTPMessageSignatures
import Logging

/// The grant endpoint (RFC 9635 §2, §3): validates, checks the key proof, creates a pending grant.
struct GrantService: Sendable {
    let grants: any GrantStore
    let clients: any ClientInstanceStore
    let proof: ClientProof
    let users: UserResolver
    /// What grant requests may ask for.
    let policy: GrantRequestPolicy
    /// The AS's access-right descriptions; it may refuse reference strings it does not define.
    let catalog: AccessCatalog
    /// How long the interaction (the user code) stays usable.
    let interactionLifetime: Duration
    /// The `wait` of every `continue` (§3.1).
    let pollInterval: Int
    let userCodePepper: [UInt8]
    let clock: AnyWallClock
    let publicURL: PublicURL
    let logger: Logger

    func create(_ signed: SignedRequest) async throws(APIError) -> GrantResponse {
        let validated: ValidatedGrantRequest
        do {
            validated = try GrantRequestValidator(policy: policy).validate(body: signed.body)
            // §8.1: reference strings are the AS's own; the catalog may refuse ones it does not define.
            try catalog.checkReferences(in: validated.tokens)
        } catch {
            throw APIError(error)
        }
        let resolved = try await resolveInstance(validated)
        // §7.3.1: the request must be signed by the key it presents, over the required components. Nothing is
        // written before this: an unsigned request must not be able to grow the store.
        try await proof.verify(signed, key: resolved.instance.key)
        // §2.4: after the signature, so an unauthenticated caller learns nothing about user references.
        let user = try await users.resolve(validated.request)
        let instance = try await store(resolved)
        do {
            return try await createGrant(validated, instance: instance, user: user, peer: signed.peer)
        } catch let error as APIError {
            throw error
        } catch {
            logger.error(
                "grant creation failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not store the request"))
        }
    }

    private func createGrant(
        _ validated: ValidatedGrantRequest, instance: ClientInstanceRecord, user: RequestedUser?, peer: String?
    ) async throws -> GrantResponse {
        let offersCode =
            validated.startModes.contains(StartMode.userCode) || validated.startModes.contains(StartMode.userCodeURI)
        let start = InteractionStart(validated, publicURL: publicURL)
        let continuationToken = Secrets.token()
        var lastError: (any Error)?
        // A code collision (1 in 2^40 per live code) would violate the UNIQUE index; draw again.
        for _ in 0..<3 {
            let code = UserCode.generate()
            let lifecycle = GrantLifecycle.start(
                clock: clock, interactionLifetime: interactionLifetime, waitSeconds: pollInterval,
                expectsInteractRef: start.finish != nil)
            var grant = GrantRecord(
                id: Secrets.identifier(), instanceID: instance.id, clientKey: instance.key,
                clientDisplay: instance.display, request: validated.request, tokens: validated.tokens,
                subjectFormats: validated.subjectFormats, startModes: validated.startModes, requestedFrom: peer,
                lifecycle: lifecycle.state, continuationTokenHash: Secrets.hash(continuationToken),
                userCodeHash: offersCode ? Secrets.hash(code, pepper: userCodePepper) : nil,
                interactionIDHash: start.interactionIDHash, finish: start.finish)
            grant.assertionFormats = validated.assertionFormats
            grant.clientVetted = instance.registered
            grant.requestedUser = user
            grant.uiLocales = validated.uiLocales.isEmpty ? nil : validated.uiLocales
            let audit = AuditEvent(
                grantID: grant.id, at: lifecycle.state.createdAt, kind: .grantCreated,
                detail: "client \(instance.id) (\(instance.key.thumbprint)) asked for "
                    + "\(validated.tokens.count) token(s) from \(peer ?? "unknown address")")
            do {
                try await grants.insertGrant(grant, audit: [audit])
            } catch {
                lastError = error
                continue
            }
            var interact = InteractionOffer.response(
                startModes: validated.startModes, code: code, lifetime: interactionLifetime, publicURL: publicURL)
            start.apply(to: &interact)
            return GrantResponse(
                continue: ContinueResponse(
                    uri: publicURL.continuationURI(grantID: grant.id), wait: pollInterval,
                    accessToken: TokenValue(value: continuationToken)),
                interact: interact, instanceID: instance.id)
        }
        throw lastError ?? APIError(GNAPError(.requestDenied, "could not allocate a user code"))
    }
}

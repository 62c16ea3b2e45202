import GNAP
import HTTPMessageSignatures

/// The grant endpoint (RFC 9635 §2, §3): validates, checks the key proof, creates a pending grant.
struct GrantService: Sendable {
    let services: ASServices

    func create(_ signed: SignedRequest) async throws(APIError) -> GrantResponse {
        let validated: ValidatedGrantRequest
        do {
            validated = try GrantRequestValidator(policy: services.configuration.requestPolicy).validate(
                body: signed.body)
            // §8.1: reference strings are the AS's own; the catalog may refuse ones it does not define.
            try services.configuration.catalog.checkReferences(in: validated.tokens)
        } catch {
            throw APIError(error)
        }
        let instance = try await resolveInstance(validated)
        // §7.3.1: the request must be signed by the key it presents, over the required components.
        try await ClientProof(services: services).verify(signed, key: instance.key)
        // §2.4: after the signature, so an unauthenticated caller learns nothing about user references.
        let user = try await UserResolver(services: services).resolve(validated.request)
        do {
            return try await createGrant(validated, instance: instance, user: user, peer: signed.peer)
        } catch let error as APIError {
            throw error
        } catch {
            services.logger.error(
                "grant creation failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not store the request"))
        }
    }

    /// §2.3: a key by value gets (or reuses) a dynamic instance; a reference must name a known instance.
    private func resolveInstance(_ validated: ValidatedGrantRequest) async throws(APIError) -> ClientInstanceRecord {
        do {
            if let reference = validated.clientReference {
                guard let instance = try await services.store.clientInstance(id: reference) else {
                    throw APIError(GNAPError(.invalidClient, "unknown client instance '\(reference)'"))
                }
                return instance
            }
            guard let key = validated.clientKey else {
                throw APIError(GNAPError(.invalidClient, "the client key is missing"))
            }
            var display: ClientDisplay?
            if case .value(let value) = validated.request.client { display = value.display }
            if let existing = try await services.store.clientInstance(thumbprint: key.thumbprint),
                existing.registered || (existing.key == key && existing.display == display)
            {
                // §2.3: the same key is the same instance, and a pre-registered instance's values take precedence
                // over the ones given at runtime.
                return existing
            }
            let instance = ClientInstanceRecord(
                id: Secrets.identifier(), key: key, display: display, createdAt: services.clock.now)
            try await services.store.insertClientInstance(instance)
            return instance
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up the client"))
        }
    }

    private func createGrant(
        _ validated: ValidatedGrantRequest, instance: ClientInstanceRecord, user: RequestedUser?, peer: String?
    ) async throws -> GrantResponse {
        let config = services.configuration
        let wantsCode = validated.startModes.contains(StartMode.userCode)
        let wantsCodeURI = validated.startModes.contains(StartMode.userCodeURI)
        let pepper = try await services.userCodePepper()
        let start = InteractionStart(validated, services: services)
        let continuationToken = Secrets.token()
        var lastError: (any Error)?
        // A code collision (1 in 2^40 per live code) would violate the UNIQUE index; draw again.
        for _ in 0..<3 {
            let code = UserCode.generate()
            let lifecycle = GrantLifecycle.start(
                clock: services.clock, interactionLifetime: config.interactionLifetime,
                waitSeconds: config.pollInterval, expectsInteractRef: start.finish != nil)
            var grant = GrantRecord(
                id: Secrets.identifier(), instanceID: instance.id, clientKey: instance.key,
                clientDisplay: instance.display, request: validated.request, tokens: validated.tokens,
                subjectFormats: validated.subjectFormats, startModes: validated.startModes, requestedFrom: peer,
                lifecycle: lifecycle.state, continuationTokenHash: Secrets.hash(continuationToken),
                userCodeHash: wantsCode || wantsCodeURI ? Secrets.hash(code, pepper: pepper) : nil,
                interactionIDHash: start.interactionIDHash, finish: start.finish)
            grant.assertionFormats = validated.assertionFormats
            grant.clientVetted = instance.registered
            grant.requestedUser = user
            grant.uiLocales = validated.uiLocales.isEmpty ? nil : validated.uiLocales
            let audit = AuditEvent(
                grantID: grant.id, at: lifecycle.state.createdAt, kind: "grant.created",
                detail: "client \(instance.id) (\(instance.key.thumbprint)) asked for "
                    + "\(validated.tokens.count) token(s) from \(peer ?? "unknown address")")
            do {
                try await services.store.insertGrant(grant, audit: [audit])
            } catch {
                lastError = error
                continue
            }
            services.logger.info("grant created", metadata: ["grant": "\(grant.id)"])
            let expiresIn = Int(config.interactionLifetime.components.seconds)
            var interact = InteractResponse(
                userCode: wantsCode ? code.display : nil,
                userCodeURI: wantsCodeURI ? UserCodeURI(code: code.display, uri: services.userCodePage) : nil,
                expiresIn: expiresIn)
            start.apply(to: &interact)
            return GrantResponse(
                continue: ContinueResponse(
                    uri: services.continuationURI(grantID: grant.id), wait: config.pollInterval,
                    accessToken: TokenValue(value: continuationToken)),
                interact: interact, instanceID: instance.id)
        }
        throw lastError ?? APIError(GNAPError(.requestDenied, "could not allocate a user code"))
    }
}

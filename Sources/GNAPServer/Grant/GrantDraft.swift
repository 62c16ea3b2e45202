import GNAP

/// A validated, authenticated grant request on its way into the store: builds the grant record with fresh secrets
/// (continuation token, user code, interaction and finish values) and the first answer.
struct GrantDraft: Sendable {
    let validated: ValidatedGrantRequest
    let instance: ClientInstanceRecord
    let user: RequestedUser?
    let peer: String?
    let agent: AgentIdentity?

    init(
        _ validated: ValidatedGrantRequest, instance: ClientInstanceRecord, user: RequestedUser?, peer: String?,
        route: GrantRoute
    ) {
        self.validated = validated
        self.instance = instance
        self.user = user
        self.peer = peer
        let vetted = route.vettedAgent
        agent =
            vetted == nil && validated.request.agent == nil
            ? nil : AgentIdentity(vetted: vetted, asserted: validated.request.agent)
    }

    /// A new grant, its `grant.created` audit event and the answer to the request.
    struct Pending: Sendable {
        var record: GrantRecord
        var audit: AuditEvent
        var response: GrantResponse
    }

    /// A pending grant with a new user code (when the client asked for one) and, for an asynchronous request, its
    /// addressee.
    func pending(_ service: GrantService, addressee: Account?) -> Pending {
        let inbox = addressee.map { InboxDelivery(accountID: $0.id) }
        let start = InteractionStart(validated, publicURL: service.publicURL)
        let offersCode =
            validated.startModes.contains(StartMode.userCode) || validated.startModes.contains(StartMode.userCodeURI)
        let continuationToken = Secrets.token()
        let code = UserCode.generate()
        let lifecycle = GrantLifecycle.start(
            clock: service.clock, interactionLifetime: service.interactionLifetime, waitSeconds: service.pollInterval,
            expectsInteractRef: start.finish != nil, inbox: inbox)
        let record = record(
            lifecycle.state, continuationTokenHash: Secrets.hash(continuationToken),
            userCodeHash: offersCode ? Secrets.hash(code, pepper: service.userCodePepper) : nil, start: start)
        var interact = InteractionOffer.response(
            startModes: validated.startModes, code: code, lifetime: service.interactionLifetime,
            publicURL: service.publicURL)
        start.apply(to: &interact)
        var response = GrantResponse(
            continue: ContinueResponse(
                uri: service.publicURL.continuationURI(grantID: record.id), wait: service.pollInterval,
                accessToken: TokenValue(value: continuationToken)),
            interact: validated.interacts ? interact : nil, instanceID: instance.id)
        if !validated.interacts { response.asynchronousExpiresIn = interact.expiresIn }
        return Pending(record: record, audit: createdAudit(record, addressee: addressee), response: response)
    }

    func record(
        _ lifecycle: GrantLifecycleState, continuationTokenHash: String, userCodeHash: String?,
        start: InteractionStart?
    ) -> GrantRecord {
        var grant = GrantRecord(
            id: Secrets.identifier(), instanceID: instance.id, clientKey: instance.key,
            clientDisplay: instance.display, request: validated.request, tokens: validated.tokens,
            subjectFormats: validated.subjectFormats, startModes: validated.startModes, requestedFrom: peer,
            lifecycle: lifecycle, continuationTokenHash: continuationTokenHash, userCodeHash: userCodeHash,
            interactionIDHash: start?.interactionIDHash, finish: start?.finish)
        grant.assertionFormats = validated.assertionFormats
        grant.clientVetted = instance.registered
        grant.requestedUser = user
        grant.uiLocales = validated.uiLocales.isEmpty ? nil : validated.uiLocales
        grant.tokenFormats = validated.tokenFormats.contains { $0 != nil } ? validated.tokenFormats : nil
        grant.agent = agent
        return grant
    }

    /// `grant.created`: who asked for what, as the chain agent → client → user when there is an agent or a user.
    func createdAudit(_ grant: GrantRecord, addressee: Account?) -> AuditEvent {
        var detail =
            "client \(instance.id) (\(instance.key.thumbprint)) asked for \(validated.tokens.count) token(s)"
            + " from \(peer ?? "unknown address")"
        if let agent { detail = agent.auditText + " → " + detail }
        if let addressee { detail += " → user \(addressee.username) (asynchronous, to their inbox)" }
        return AuditEvent(
            grantID: grant.id, at: grant.lifecycle.createdAt, kind: .grantCreated, detail: detail,
            accountID: addressee?.id)
    }
}

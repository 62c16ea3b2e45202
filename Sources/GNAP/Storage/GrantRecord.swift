import HTTPMessageSignatures

/// Everything the AS keeps about one grant request.
public struct GrantRecord: Sendable, Hashable, Codable {
    public var id: String
    /// The client instance (dynamic, §3.5) that made the request.
    public var instanceID: String
    public var clientKey: ClientKeyBinding
    /// What the client says about itself (§2.3.2): self-asserted, never vetted.
    public var clientDisplay: ClientDisplay?
    /// The request as received (validated).
    public var request: GrantRequest
    public var tokens: [AccessTokenRequest]
    public var subjectFormats: [String]
    public var startModes: [String]
    /// Where the request came from (the peer address), shown to the approver.
    public var requestedFrom: String?
    public var lifecycle: GrantLifecycleState
    /// SHA-256 of the current continuation token (§3.1); replaced on each call.
    public var continuationTokenHash: String
    /// Keyed hash of the user code, if a code was issued.
    public var userCodeHash: String?
    // Later additions are optional so that records stored before them still decode.
    /// Assertion formats (§2.2) both requested and supported; nil on older records (none).
    public var assertionFormats: [String]?
    /// Whether the client is pre-registered, so the AS vouches for `clientDisplay` (§2.3).
    public var clientVetted: Bool?
    /// The end user the request names (§2.4), resolved when it arrived.
    public var requestedUser: RequestedUser?
    /// The end user's preferred locales (§2.5.3 `hints.ui_locales`), validated.
    public var uiLocales: [String]?
    /// SHA-256 of the interaction id of the `redirect`/`app` start modes (§3.3.1, §3.3.2), if they were offered.
    public var interactionIDHash: String?
    /// The interaction finish method, if the client asked for one (§2.5.2).
    public var finish: GrantFinish?

    public init(
        id: String, instanceID: String, clientKey: ClientKeyBinding, clientDisplay: ClientDisplay?,
        request: GrantRequest, tokens: [AccessTokenRequest], subjectFormats: [String], startModes: [String],
        requestedFrom: String?, lifecycle: GrantLifecycleState, continuationTokenHash: String, userCodeHash: String?,
        interactionIDHash: String? = nil, finish: GrantFinish? = nil
    ) {
        self.id = id
        self.instanceID = instanceID
        self.clientKey = clientKey
        self.clientDisplay = clientDisplay
        self.request = request
        self.tokens = tokens
        self.subjectFormats = subjectFormats
        self.startModes = startModes
        self.requestedFrom = requestedFrom
        self.lifecycle = lifecycle
        self.continuationTokenHash = continuationTokenHash
        self.userCodeHash = userCodeHash
        self.interactionIDHash = interactionIDHash
        self.finish = finish
    }
}

/// An issued access token. Neither its value nor its management token is stored, only their hashes.
public struct AccessTokenRecord: Sendable, Hashable, Codable {
    public var id: String
    public var grantID: String
    public var tokenHash: String
    /// Hash of the token management access token (RFC 9635 §3.2.1 `manage.access_token`).
    public var managementTokenHash: String?
    public var label: String?
    public var access: [AccessRight]
    public var flags: [String]
    /// The key the token is bound to (RFC 9635 §7.2): the client's key or its most recent rotation; nil only for
    /// bearer tokens.
    public var boundKey: ClientKeyBinding?
    public var issuedAt: WallInstant
    public var expiresAt: WallInstant?
    public var revokedAt: WallInstant?

    public var boundKeyThumbprint: String? { boundKey?.thumbprint }
    public var isBearer: Bool { flags.contains(AccessTokenFlag.bearer) }
    /// Whether the token survives a modification of its grant (RFC 9635 §3.2.1 `durable`).
    public var isDurable: Bool { flags.contains(AccessTokenFlag.durable) }

    public init(
        id: String, grantID: String, tokenHash: String, managementTokenHash: String? = nil, label: String?,
        access: [AccessRight], flags: [String], boundKey: ClientKeyBinding?, issuedAt: WallInstant,
        expiresAt: WallInstant?, revokedAt: WallInstant? = nil
    ) {
        self.id = id
        self.grantID = grantID
        self.tokenHash = tokenHash
        self.managementTokenHash = managementTokenHash
        self.label = label
        self.access = access
        self.flags = flags
        self.boundKey = boundKey
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the token can be used at `now`.
    public func isActive(at now: WallInstant) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }
}

/// A client instance the AS has seen, identified to the client by `instance_id` (§3.5).
public struct ClientInstanceRecord: Sendable, Hashable, Codable {
    public var id: String
    public var key: ClientKeyBinding
    public var display: ClientDisplay?
    public var createdAt: WallInstant
    /// Pre-registered by the AS operator (`gnapterm serve --clients`): its display is vetted, and it takes precedence
    /// over what a request says (§2.3).
    public var registered: Bool

    public init(
        id: String, key: ClientKeyBinding, display: ClientDisplay?, createdAt: WallInstant, registered: Bool = false
    ) {
        self.id = id
        self.key = key
        self.display = display
        self.createdAt = createdAt
        self.registered = registered
    }
}

/// One line of the audit log.
public struct AuditEvent: Sendable, Hashable, Codable {
    public var grantID: String?
    public var at: WallInstant
    /// Short machine-readable kind, e.g. `grant.created`, `code.entered`, `grant.approved`.
    public var kind: String
    /// Human-readable detail; never contains secrets.
    public var detail: String
    public var accountID: String?
    /// Who acted: `device:<id>` (an approver terminal), `client:<key thumbprint>`, `cli:<user>`, `system:<service>`.
    /// Filled in from the request's ``AuditContext`` when the event is written, if not set here.
    public var actor: String?
    /// The id of the HTTP request that caused the event (the `Request-Id` response field), if any.
    public var requestID: String?

    public init(
        grantID: String?, at: WallInstant, kind: String, detail: String, accountID: String? = nil,
        actor: String? = nil, requestID: String? = nil
    ) {
        self.grantID = grantID
        self.at = at
        self.kind = kind
        self.detail = detail
        self.accountID = accountID
        self.actor = actor
        self.requestID = requestID
    }
}

/// The result of a transactional grant update plus what must be written with it.
public struct GrantMutation<Result: Sendable>: Sendable {
    public var result: Result
    public var issuedTokens: [AccessTokenRecord]
    public var audit: [AuditEvent]
    /// The grant's earlier tokens to revoke (before `issuedTokens` are stored); only for grant updates.
    public var revocation: TokenRevocation?

    public init(
        _ result: Result, issuedTokens: [AccessTokenRecord] = [], audit: [AuditEvent] = [],
        revoking revocation: TokenRevocation? = nil
    ) {
        self.result = result
        self.issuedTokens = issuedTokens
        self.audit = audit
        self.revocation = revocation
    }
}

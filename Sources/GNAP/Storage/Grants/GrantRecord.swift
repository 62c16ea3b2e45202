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
    /// The last continuation call answered with a new continuation token, which the client may repeat once with the
    /// token it presented if the answer was lost; nil once repeated, or when the continuation ended.
    public var lastContinuationCall: ContinuationCallRecord?
    /// The format of each requested token (RFC 9767 §2.2), in the order of ``tokens``: a registered resource set may
    /// require one (§3.4); nil entries (or nil) use the AS's default.
    public var tokenFormats: [String?]?
    /// The automated agent behind the request: vetted by the operator and/or self-asserted (`gnapterm_agent`).
    public var agent: AgentIdentity?

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

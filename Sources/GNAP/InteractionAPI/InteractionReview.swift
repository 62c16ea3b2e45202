/// Everything an approver needs to decide on a request (`POST /interact/v1/code`, `GET /interact/v1/grants/{id}`).
public struct InteractionReview: Sendable, Hashable, Codable {
    public var grantID: String
    public var status: GrantStatus
    public var client: ClientReview
    public var tokens: [TokenReview]
    public var subject: SubjectReview?
    public var requestedAt: WallInstant
    /// The peer address the request came from, as the AS saw it.
    public var requestedFrom: String?
    public var expiresAt: WallInstant
    /// The end user the request names (§2.4), if any.
    public var user: UserReview?
    /// The end user's preferred locales (§2.5.3 `hints.ui_locales`), most preferred first.
    public var uiLocales: [String]?
    /// The client's interaction finish method and URI (RFC 9635 §2.5.2), if it has one.
    public var finish: FinishReview?
    /// The automated agent behind the request (vetted by the operator, self-asserted, or both), apart from the client.
    public var agent: AgentIdentity?
    /// The request was addressed to the approver's account (asynchronous, RFC 9635 §1.6.3) and reached them through
    /// their inbox, not a code.
    public var asynchronous: Bool?

    public init(
        grantID: String, status: GrantStatus, client: ClientReview, tokens: [TokenReview], subject: SubjectReview?,
        requestedAt: WallInstant, requestedFrom: String?, expiresAt: WallInstant, user: UserReview? = nil,
        uiLocales: [String]? = nil, finish: FinishReview? = nil, agent: AgentIdentity? = nil, asynchronous: Bool? = nil
    ) {
        self.grantID = grantID
        self.status = status
        self.client = client
        self.tokens = tokens
        self.subject = subject
        self.requestedAt = requestedAt
        self.requestedFrom = requestedFrom
        self.expiresAt = expiresAt
        self.user = user
        self.uiLocales = uiLocales
        self.finish = finish
        self.agent = agent
        self.asynchronous = asynchronous
    }

    /// Every requested right, in order.
    public var allRights: [RightReview] { tokens.flatMap(\.rights) }

    private enum CodingKeys: String, CodingKey {
        case grantID = "grant_id"
        case status, client, tokens, subject
        case requestedAt = "requested_at"
        case requestedFrom = "requested_from"
        case expiresAt = "expires_at"
        case user
        case uiLocales = "ui_locales"
        case finish, agent, asynchronous
    }
}

/// The client as the AS knows it. `display` is what the client asserts about itself; `vetted` says whether the AS
/// vouches for it (pre-registered clients only).
public struct ClientReview: Sendable, Hashable, Codable {
    public var instanceID: String
    public var display: ClientDisplay?
    public var vetted: Bool
    public var keyThumbprint: String
    public var proofMethod: String
    public var algorithm: String

    public init(
        instanceID: String, display: ClientDisplay?, vetted: Bool, keyThumbprint: String, proofMethod: String,
        algorithm: String
    ) {
        self.instanceID = instanceID
        self.display = display
        self.vetted = vetted
        self.keyThumbprint = keyThumbprint
        self.proofMethod = proofMethod
        self.algorithm = algorithm
    }

    private enum CodingKeys: String, CodingKey {
        case instanceID = "instance_id"
        case display, vetted
        case keyThumbprint = "key_thumbprint"
        case proofMethod = "proof_method"
        case algorithm
    }
}

/// One requested access token.
public struct TokenReview: Sendable, Hashable, Codable {
    public var label: String?
    public var flags: [String]
    public var rights: [RightReview]

    public init(label: String?, flags: [String], rights: [RightReview]) {
        self.label = label
        self.flags = flags
        self.rights = rights
    }

    private enum CodingKeys: String, CodingKey {
        case label, flags, rights
    }
}

/// One requested access right with the AS's description of it.
public struct RightReview: Sendable, Hashable, Codable {
    /// `"<token index>.<right index>"`, used to select rights when approving.
    public var id: String
    public var right: AccessRight
    /// The AS's description of the right's type or reference; nil when the AS does not know it.
    public var description: String?

    public init(id: String, right: AccessRight, description: String?) {
        self.id = id
        self.right = right
        self.description = description
    }

    private enum CodingKeys: String, CodingKey {
        case id, right, description
    }
}

/// The subject information requested (RFC 9635 §2.2), limited to what this AS can release.
public struct SubjectReview: Sendable, Hashable, Codable {
    public var subIDFormats: [String]
    public var assertionFormats: [String]

    public init(subIDFormats: [String], assertionFormats: [String]) {
        self.subIDFormats = subIDFormats
        self.assertionFormats = assertionFormats
    }

    private enum CodingKeys: String, CodingKey {
        case subIDFormats = "sub_id_formats"
        case assertionFormats = "assertion_formats"
    }
}

/// The end user a request names (§2.4), as shown to the approver: "this request is for user X".
public struct UserReview: Sendable, Hashable, Codable {
    /// The identifiers given or derived (from a user reference or a verified assertion).
    public var subIDs: [SubjectIdentifier]
    /// The user reference (§2.4.1) used, if any.
    public var reference: String?
    /// Formats of the assertions the AS verified.
    public var verifiedAssertionFormats: [String]
    /// Formats of assertions the AS could not verify and ignored.
    public var ignoredAssertionFormats: [String]
    /// Whether the approver's own account is the named user; approving fails the grant with `unknown_user` if not.
    public var matchesApprover: Bool

    public init(
        subIDs: [SubjectIdentifier], reference: String?, verifiedAssertionFormats: [String],
        ignoredAssertionFormats: [String], matchesApprover: Bool
    ) {
        self.subIDs = subIDs
        self.reference = reference
        self.verifiedAssertionFormats = verifiedAssertionFormats
        self.ignoredAssertionFormats = ignoredAssertionFormats
        self.matchesApprover = matchesApprover
    }

    private enum CodingKeys: String, CodingKey {
        case subIDs = "sub_ids"
        case reference
        case verifiedAssertionFormats = "verified_assertion_formats"
        case ignoredAssertionFormats = "ignored_assertion_formats"
        case matchesApprover = "matches_approver"
    }
}

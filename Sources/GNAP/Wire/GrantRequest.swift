/// A grant request (RFC 9635 §2). Unknown members are ignored on decoding, as §2 allows extensions.
public struct GrantRequest: Sendable, Hashable, Codable {
    public var accessToken: AccessTokenRequests?
    public var subject: SubjectRequest?
    public var client: ClientInstance?
    public var user: UserRequest?
    public var interact: InteractRequest?
    /// An access token presented by an RS acting as a client to get a derived token for a downstream RS (RFC 9767
    /// §4, registered in the GNAP Grant Request Parameters registry, §6.2).
    public var existingAccessToken: String?
    /// gnapterm extension `gnapterm_agent`: the automated agent behind the request, self-asserted
    /// (``AgentDescription``).
    public var agent: AgentDescription?

    public init(
        accessToken: AccessTokenRequests? = nil, subject: SubjectRequest? = nil, client: ClientInstance? = nil,
        user: UserRequest? = nil, interact: InteractRequest? = nil, existingAccessToken: String? = nil,
        agent: AgentDescription? = nil
    ) {
        self.accessToken = accessToken
        self.subject = subject
        self.client = client
        self.user = user
        self.interact = interact
        self.existingAccessToken = existingAccessToken
        self.agent = agent
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case subject, client, user, interact
        case existingAccessToken = "existing_access_token"
        case agent = "gnapterm_agent"
    }
}

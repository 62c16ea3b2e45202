/// A grant request (RFC 9635 §2). Unknown members are ignored on decoding, as §2 allows extensions.
public struct GrantRequest: Sendable, Hashable, Codable {
    public var accessToken: AccessTokenRequests?
    public var subject: SubjectRequest?
    public var client: ClientInstance?
    public var user: UserRequest?
    public var interact: InteractRequest?

    public init(
        accessToken: AccessTokenRequests? = nil, subject: SubjectRequest? = nil, client: ClientInstance? = nil,
        user: UserRequest? = nil, interact: InteractRequest? = nil
    ) {
        self.accessToken = accessToken
        self.subject = subject
        self.client = client
        self.user = user
        self.interact = interact
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case subject, client, user, interact
    }
}

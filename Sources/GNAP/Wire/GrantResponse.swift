/// A grant response (RFC 9635 §3).
public struct GrantResponse: Sendable, Hashable, Codable {
    public var `continue`: ContinueResponse?
    public var accessToken: AccessTokenResponses?
    public var interact: InteractResponse?
    public var subject: SubjectResponse?
    public var instanceID: String?
    public var error: GNAPError?
    /// gnapterm extension of a pending continuation response (§5.2): true once someone entered the user code or
    /// opened the interaction URL, so a device can say so. Other clients ignore the member.
    public var interactionStarted: Bool?
    /// gnapterm extension of the response to an asynchronous request (RFC 9635 §1.6.3, no `interact` to carry
    /// `expires_in`): seconds the request waits for its resource owner before it expires.
    public var asynchronousExpiresIn: Int?

    public init(
        continue: ContinueResponse? = nil, accessToken: AccessTokenResponses? = nil,
        interact: InteractResponse? = nil, subject: SubjectResponse? = nil, instanceID: String? = nil,
        error: GNAPError? = nil, interactionStarted: Bool? = nil
    ) {
        self.continue = `continue`
        self.accessToken = accessToken
        self.interact = interact
        self.subject = subject
        self.instanceID = instanceID
        self.error = error
        self.interactionStarted = interactionStarted
    }

    private enum CodingKeys: String, CodingKey {
        case `continue`
        case accessToken = "access_token"
        case interact, subject
        case instanceID = "instance_id"
        case error
        case interactionStarted = "gnapterm_interaction_started"
        case asynchronousExpiresIn = "gnapterm_expires_in"
    }
}

/// The `continue` member (RFC 9635 §3.1).
public struct ContinueResponse: Sendable, Hashable, Codable {
    public var uri: String
    /// Seconds to wait before the next continuation call; absent means 5 (§3.1).
    public var wait: Int?
    public var accessToken: TokenValue

    public init(uri: String, wait: Int?, accessToken: TokenValue) {
        self.uri = uri
        self.wait = wait
        self.accessToken = accessToken
    }

    private enum CodingKeys: String, CodingKey {
        case uri, wait
        case accessToken = "access_token"
    }
}

/// A bare token object `{"value": …}`, as used for continuation and management tokens (§3.1, §3.2.1).
public struct TokenValue: Sendable, Hashable, Codable {
    public var value: String

    public init(value: String) { self.value = value }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}

/// The `interact` member of a response (RFC 9635 §3.3).
public struct InteractResponse: Sendable, Hashable, Codable {
    public var redirect: String?
    public var app: String?
    public var userCode: String?
    public var userCodeURI: UserCodeURI?
    public var finish: String?
    public var expiresIn: Int?

    public init(
        redirect: String? = nil, app: String? = nil, userCode: String? = nil, userCodeURI: UserCodeURI? = nil,
        finish: String? = nil, expiresIn: Int? = nil
    ) {
        self.redirect = redirect
        self.app = app
        self.userCode = userCode
        self.userCodeURI = userCodeURI
        self.finish = finish
        self.expiresIn = expiresIn
    }

    private enum CodingKeys: String, CodingKey {
        case redirect, app
        case userCode = "user_code"
        case userCodeURI = "user_code_uri"
        case finish
        case expiresIn = "expires_in"
    }
}

/// `user_code_uri` (RFC 9635 §3.3.4).
public struct UserCodeURI: Sendable, Hashable, Codable {
    public var code: String
    public var uri: String

    public init(code: String, uri: String) {
        self.code = code
        self.uri = uri
    }

    private enum CodingKeys: String, CodingKey {
        case code, uri
    }
}

/// The `subject` member of a response (RFC 9635 §3.4).
public struct SubjectResponse: Sendable, Hashable, Codable {
    public var subIDs: [SubjectIdentifier]?
    public var assertions: [Assertion]?
    public var updatedAt: String?

    public init(subIDs: [SubjectIdentifier]? = nil, assertions: [Assertion]? = nil, updatedAt: String? = nil) {
        self.subIDs = subIDs
        self.assertions = assertions
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case subIDs = "sub_ids"
        case assertions
        case updatedAt = "updated_at"
    }
}

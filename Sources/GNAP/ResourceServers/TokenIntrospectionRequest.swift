/// The body of a token introspection call (RFC 9767 §3.3), signed by the RS with its own key.
public struct TokenIntrospectionRequest: Sendable, Hashable, Codable {
    /// REQUIRED: the token value the client presented to the RS.
    public var accessToken: String
    /// RECOMMENDED: the proofing method the client used with the token (RFC 9635 §7.3), e.g. `httpsig`; absent for
    /// a bearer token.
    public var proof: String?
    /// REQUIRED: the calling RS, by value or by reference (§3.2).
    public var resourceServer: ResourceServerIdentification
    /// OPTIONAL: the least access the RS needs for the request at hand (RFC 9635 §8).
    public var access: [AccessRight]?

    public init(
        accessToken: String, proof: String? = nil, resourceServer: ResourceServerIdentification,
        access: [AccessRight]? = nil
    ) {
        self.accessToken = accessToken
        self.proof = proof
        self.resourceServer = resourceServer
        self.access = access
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case proof
        case resourceServer = "resource_server"
        case access
    }
}

extension TokenIntrospectionRequest {
    /// The proofing methods of the GNAP Key Proofing Methods registry (RFC 9635 §10.16); §3.3 requires `proof` to
    /// be one of them.
    public static let registeredProofMethods: Set<String> = ["httpsig", "mtls", "jwsd", "jws"]

    /// Checks what decoding cannot: a non-empty token of token68 characters (RFC 9635 §3.2.1), a registered proof
    /// method, and a non-empty `access` when present (§3.3 asks for the rights the request needs; an empty list
    /// asks for nothing). Problems are `invalid_request`.
    public func validate() throws(GNAPError) {
        guard !accessToken.isEmpty else { throw GNAPError(.invalidRequest, "'access_token' is empty") }
        guard AccessTokenPresentation.isToken68(accessToken) else {
            throw GNAPError(.invalidRequest, "'access_token' is not a token value (RFC 9635 §3.2.1: token68)")
        }
        if let proof, !Self.registeredProofMethods.contains(proof) {
            throw GNAPError(.invalidRequest, "'proof' names '\(proof.prefix(32))', not a registered proofing method")
        }
        if let access, access.isEmpty {
            throw GNAPError(.invalidRequest, "'access' is empty; leave it out to ask about the token as a whole")
        }
    }
}

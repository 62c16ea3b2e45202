/// An RS registering a set of access rights with the AS (RFC 9767 §3.4), signed with its own key.
public struct ResourceSetRegistrationRequest: Sendable, Hashable, Codable {
    /// REQUIRED: the rights the set stands for (RFC 9635 §8).
    public var access: [AccessRight]
    /// REQUIRED: the calling RS, by value or by reference (§3.2).
    public var resourceServer: ResourceServerIdentification
    /// The token formats the RS can process for this set; absent leaves the format to the AS.
    public var tokenFormatsSupported: [String]?
    /// Whether the RS will introspect tokens for this set.
    public var tokenIntrospectionRequired: Bool?

    public init(
        access: [AccessRight], resourceServer: ResourceServerIdentification, tokenFormatsSupported: [String]? = nil,
        tokenIntrospectionRequired: Bool? = nil
    ) {
        self.access = access
        self.resourceServer = resourceServer
        self.tokenFormatsSupported = tokenFormatsSupported
        self.tokenIntrospectionRequired = tokenIntrospectionRequired
    }

    private enum CodingKeys: String, CodingKey {
        case access
        case resourceServer = "resource_server"
        case tokenFormatsSupported = "token_formats_supported"
        case tokenIntrospectionRequired = "token_introspection_required"
    }

    /// Checks what decoding cannot (`invalid_request`): at least one right, no empty reference string, and only
    /// registered token formats (§3.4 "MUST be registered"), at least one when the member is present.
    public func validate() throws(GNAPError) {
        guard !access.isEmpty else { throw GNAPError(.invalidRequest, "'access' must list at least one right") }
        for (index, right) in access.enumerated() {
            if case .reference(let reference) = right, reference.isEmpty {
                throw GNAPError(.invalidRequest, "'access[\(index)]' is an empty reference")
            }
        }
        if let tokenFormatsSupported {
            guard !tokenFormatsSupported.isEmpty else {
                throw GNAPError(
                    .invalidRequest, "'token_formats_supported' is empty; leave it out to let the AS choose")
            }
            try TokenFormat.checkRegistered(tokenFormatsSupported, member: "token_formats_supported")
        }
    }
}

/// The AS's answer to a resource set registration (RFC 9767 §3.4).
public struct ResourceSetRegistrationResponse: Sendable, Hashable, Codable {
    /// REQUIRED: the reference that stands for the registered rights; clients ask for it as an access reference
    /// string (RFC 9635 §8.1).
    public var resourceReference: String
    /// An identifier the RS can use instead of sending its key by value (§3.2).
    public var instanceID: String?
    /// The AS's introspection endpoint (§3.3).
    public var introspectionEndpoint: String?

    public init(resourceReference: String, instanceID: String? = nil, introspectionEndpoint: String? = nil) {
        self.resourceReference = resourceReference
        self.instanceID = instanceID
        self.introspectionEndpoint = introspectionEndpoint
    }

    private enum CodingKeys: String, CodingKey {
        case resourceReference = "resource_reference"
        case instanceID = "instance_id"
        case introspectionEndpoint = "introspection_endpoint"
    }
}

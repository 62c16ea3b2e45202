import HTTPMessageSignatures

/// The `client` member (RFC 9635 §2.3): an object describing the instance, or an instance identifier (§2.3.1).
public typealias ClientInstance = ValueOrReference<ClientInstanceValue>

/// A client instance given by value (RFC 9635 §2.3).
public struct ClientInstanceValue: Sendable, Hashable, Codable {
    public var key: ClientKeyValue
    public var classID: String?
    public var display: ClientDisplay?

    public init(key: ClientKeyValue, classID: String? = nil, display: ClientDisplay? = nil) {
        self.key = key
        self.classID = classID
        self.display = display
    }

    private enum CodingKeys: String, CodingKey {
        case key
        case classID = "class_id"
        case display
    }
}

/// Display information the client asserts about itself (RFC 9635 §2.3.2). Never trusted: shown as self-asserted.
public struct ClientDisplay: Sendable, Hashable, Codable {
    public var name: String?
    public var uri: String?
    public var logoURI: String?

    public init(name: String? = nil, uri: String? = nil, logoURI: String? = nil) {
        self.name = name
        self.uri = uri
        self.logoURI = logoURI
    }

    private enum CodingKeys: String, CodingKey {
        case name, uri
        case logoURI = "logo_uri"
    }
}

/// A key by value (RFC 9635 §7.1): the proofing method and the key material in one of the formats `jwk`, `cert`
/// (an X.509 certificate, PEM or its base64 body) or `cert#S256` (a certificate thumbprint, RFC 8705 §3.1).
/// Which combinations are valid is decided by ``ClientKeyBinding``.
public struct ClientKeyValue: Sendable, Hashable, Codable {
    public var proof: ProofMethod
    public var jwk: JWK?
    public var cert: String?
    public var certS256: String?

    public init(proof: ProofMethod, jwk: JWK?, cert: String? = nil, certS256: String? = nil) {
        self.proof = proof
        self.jwk = jwk
        self.cert = cert
        self.certS256 = certS256
    }

    private enum CodingKeys: String, CodingKey {
        case proof, jwk, cert
        case certS256 = "cert#S256"
    }

    /// A key reference (§7.1.1, a string in place of the object) names a key the AS would have to know beforehand;
    /// this AS knows keys by value only, so a reference is `invalid_client` (§3.6: the client key could not be
    /// determined), not a malformed request.
    public init(from decoder: any Decoder) throws {
        if let reference = try? decoder.singleValueContainer().decode(String.self) {
            throw GNAPError(
                .invalidClient,
                "key references (§7.1.1) are not known to this AS ('\(reference.prefix(64))'); send the key by value")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        proof = try container.decode(ProofMethod.self, forKey: .proof)
        jwk = try container.decodeIfPresent(JWK.self, forKey: .jwk)
        cert = try container.decodeIfPresent(String.self, forKey: .cert)
        certS256 = try container.decodeIfPresent(String.self, forKey: .certS256)
    }
}

/// A proofing method (RFC 9635 §7.3): the string form (`"httpsig"`) or the object form with parameters
/// (§7.3.1: `alg` and `content-digest-alg`).
public struct ProofMethod: Sendable, Hashable, Codable {
    public var method: String
    public var algorithm: String?
    public var contentDigestAlgorithm: String?

    public init(method: String, algorithm: String? = nil, contentDigestAlgorithm: String? = nil) {
        self.method = method
        self.algorithm = algorithm
        self.contentDigestAlgorithm = contentDigestAlgorithm
    }

    public static let httpsig = ProofMethod(method: "httpsig")

    /// Whether the object form was used.
    public var isObjectForm: Bool { algorithm != nil || contentDigestAlgorithm != nil }

    private enum CodingKeys: String, CodingKey {
        case method
        case algorithm = "alg"
        case contentDigestAlgorithm = "content-digest-alg"
    }

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let method = try? single.decode(String.self) {
            self.init(method: method)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            method: try container.decode(String.self, forKey: .method),
            algorithm: try container.decodeIfPresent(String.self, forKey: .algorithm),
            contentDigestAlgorithm: try container.decodeIfPresent(String.self, forKey: .contentDigestAlgorithm))
    }

    public func encode(to encoder: any Encoder) throws {
        if !isObjectForm {
            var single = encoder.singleValueContainer()
            try single.encode(method)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encodeIfPresent(algorithm, forKey: .algorithm)
        try container.encodeIfPresent(contentDigestAlgorithm, forKey: .contentDigestAlgorithm)
    }
}

import HTTPMessageSignatures
import HTTPTypes

/// The JWS key proofs of RFC 9635: `jwsd`, a detached JWS in the `Detached-JWS` header (§7.3.3), and `jws`, the
/// request content wrapped in a JWS sent as `application/jose` (§7.3.4). Pure functions: signing takes the key and
/// the time, verification takes the request, the expected key, the time and a policy, and returns what a replay
/// cache needs instead of keeping state.
public enum JWSProof {
    /// The two methods.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// §7.3.3: the JWS payload is the SHA-256 digest of the content (empty without content); the JWS travels in
        /// the `Detached-JWS` header.
        case jwsd
        /// §7.3.4: the JWS payload is the content and the JWS is the body; without content, the JWS (over an
        /// empty payload) travels in the `Detached-JWS` header.
        case jws

        /// The `typ` of a proof (§7.3.3, §7.3.4).
        public var type: String { self == .jwsd ? "gnap-binding-jwsd" : "gnap-binding-jws" }
        /// The `typ` of the old key's JWS in a key rotation (§7.3.3.1, §7.3.4.1).
        public var rotationType: String {
            self == .jwsd ? "gnap-binding-rotation-jwsd" : "gnap-binding-rotation-jws"
        }
    }

    /// The `Detached-JWS` header field (§7.3.3).
    public static let detachedJWSField = HTTPField.Name("Detached-JWS")!
    /// The content type of a `jws` body (§7.3.4).
    public static let mediaType = "application/jose"

    /// The header members a proof adds to RFC 7515's; a `crit` naming them is understood.
    static let claimNames: Set<String> = ["htm", "uri", "created", "ath"]

    /// `ath` (§7.3.3): base64url SHA-256 of the ASCII access token value.
    public static func accessTokenHash(_ token: String) -> String { Secrets.hash(token) }
}

/// The parts of an HTTP request a JWS proof covers.
public struct JWSProofRequest: Sendable, Hashable {
    /// The method, case-sensitive as sent (`htm`).
    public var method: String
    /// The absolute target URI without fragment (`uri`), as the verifier reconstructs it (the same value httpsig's
    /// `@target-uri` uses).
    public var targetURI: String
    /// The value of `Authorization: GNAP <token>`, when a token is presented (`ath`).
    public var accessToken: String?
    /// The content. To sign: the content to protect (for `jws`, the JSON the JWS will carry). To verify: the body
    /// as received, byte for byte (for `jws`, the JWS itself).
    public var content: [UInt8]
    /// The `Detached-JWS` field as received (verification only).
    public var detachedJWS: String?

    public init(
        method: String, targetURI: String, accessToken: String? = nil, content: [UInt8] = [],
        detachedJWS: String? = nil
    ) {
        self.method = method
        self.targetURI = targetURI
        self.accessToken = accessToken
        self.content = content
        self.detachedJWS = detachedJWS
    }
}

/// How a verifier judges `created` (§7.3.1's rules for httpsig, applied to `created` of §7.3.3 and §7.3.4).
public struct JWSProofPolicy: Sendable, Hashable {
    /// Oldest acceptable `created`, in seconds before now.
    public var maximumAge: Int64
    /// Tolerated clock skew, in seconds, both ways.
    public var allowedClockSkew: Int64

    /// - Parameters:
    ///   - maximumAge: default 300 s, as ``SignatureProfile/gnap``.
    ///   - allowedClockSkew: default 30 s, as ``SignatureProfile/gnap``.
    public init(maximumAge: Int64 = 300, allowedClockSkew: Int64 = 30) {
        self.maximumAge = maximumAge
        self.allowedClockSkew = allowedClockSkew
    }

    /// The same window as the httpsig profile of this AS.
    public static let gnap = JWSProofPolicy(
        maximumAge: SignatureProfile.gnap.maximumAge, allowedClockSkew: SignatureProfile.gnap.allowedClockSkew)
}

/// The key a proof must be made with: a verification key (bound to one algorithm) and the `kid` the header must
/// name, when the key has one (§7.3.3: REQUIRED for a key presented as a JWK).
public struct JWSProofKey: Sendable {
    public var key: VerificationKey
    public var keyID: String?

    public init(key: VerificationKey, keyID: String?) {
        self.key = key
        self.keyID = keyID
    }

    /// The key of a binding: its public key under its algorithm, and the JWK's `kid` when it was given as a JWK.
    public init(_ binding: ClientKeyBinding) throws {
        key = try binding.verificationKey()
        keyID = binding.format == .jwk ? binding.jwk.kid : nil
    }
}

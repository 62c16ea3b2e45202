import GNAP
import HTTPMessageSignatures

/// An active token as the per-request check needs it, prepared once per introspection: the key parsed into a
/// verification key, the rights indexed.
struct CheckedToken: Sendable {
    let token: IntrospectedToken
    let binding: Binding
    let granted: GrantedAccess

    enum Binding: Sendable {
        case bearer
        case key(BoundKeyProof)
        /// Bound, but to a key this RS cannot use; every presentation is refused with this reason.
        case unusable(String)
    }

    init(_ token: IntrospectedToken, meanings: [String: [AccessRightObject]]) {
        self.token = token
        granted = GrantedAccess(token.access, meanings: meanings)
        switch token.key {
        case nil:
            binding = .bearer
        case .reference:
            // RFC 9635 §7.1.1: a key reference is meaningful only to parties that share it; this RS has no
            // registry of client keys.
            binding = .unusable("the token's key is given by reference, which this resource server cannot resolve")
        case .value(let value):
            binding = Self.binding(of: value)
        }
    }

    /// How requests with a token bound to `value` are proven (RFC 9635 §7.3): the method and the key, prepared once.
    static func binding(of value: ClientKeyValue) -> Binding {
        // §7.1: `cert#S256` carries no key; the TLS client certificate that matches it is the proof (mtls only).
        if let thumbprint = value.certS256, value.jwk == nil, value.cert == nil {
            guard value.proof.method == "mtls" else {
                return .unusable("the token's key is a certificate thumbprint, usable with mtls only")
            }
            return .key(BoundKeyProof(check: .mtlsThumbprint(thumbprint), thumbprint: nil))
        }
        let checked: ClientKeyBinding
        do {
            checked = try ClientKeyBinding(value)
        } catch {
            return .unusable("the token's key cannot be used to check a proof")
        }
        do {
            switch checked.proof.method {
            case "httpsig":
                return .key(
                    BoundKeyProof(
                        check: .httpsig(
                            key: try checked.verificationKey(), keyID: checked.jwk.kid,
                            contentDigest: [checked.contentDigestAlgorithm]),
                        thumbprint: checked.thumbprint))
            case "jwsd", "jws":
                let method: JWSProof.Method = checked.proof.method == "jws" ? .jws : .jwsd
                return .key(
                    BoundKeyProof(check: .jws(method, try JWSProofKey(checked)), thumbprint: checked.thumbprint))
            case "mtls":
                return .key(BoundKeyProof(check: .mtls(checked), thumbprint: checked.thumbprint))
            default:
                return .unusable("the token's key uses the proof method '\(checked.proof.method)', unknown here")
            }
        } catch {
            return .unusable("the token's key cannot be used to check a proof")
        }
    }
}

/// What checking a proof by a token's bound key needs (RFC 9635 §7.3).
struct BoundKeyProof: Sendable {
    enum Check: Sendable {
        /// §7.3.1: the verification key, the JWK's `kid` (which `keyid` must name), the one `Content-Digest`
        /// algorithm the key allows.
        case httpsig(key: VerificationKey, keyID: String?, contentDigest: Set<DigestAlgorithm>)
        /// §7.3.3, §7.3.4.
        case jws(JWSProof.Method, JWSProofKey)
        /// §7.3.2, a key given as `jwk` or `cert`.
        case mtls(ClientKeyBinding)
        /// §7.3.2, a key given as `cert#S256`: the presented certificate must have this thumbprint.
        case mtlsThumbprint(String)
    }

    let check: Check
    /// The key's RFC 7638 thumbprint: what replay values are remembered under and what the handler is told. Nil for
    /// `cert#S256`, whose key is learnt from the presented certificate.
    let thumbprint: String?
}

import GNAP

/// How a client instance proves possession of its key on each request (RFC 9635 §7.3): an HTTP message signature
/// (`httpsig`, §7.3.1), the TLS client certificate (`mtls`, §7.3.2), a detached JWS in `Detached-JWS` (`jwsd`,
/// §7.3.3) or the content sent as a JWS (`jws`, §7.3.4).
public enum ClientProofMethod: String, Sendable, Hashable, CaseIterable, Codable {
    case httpsig
    case mtls
    case jwsd
    case jws

    /// The `proof` member of the key (§7.1), string form.
    public var proof: ProofMethod { ProofMethod(method: rawValue) }

    /// The JWS proof method, for `jwsd` and `jws`.
    var jwsMethod: JWSProof.Method? {
        switch self {
        case .jwsd: .jwsd
        case .jws: .jws
        case .httpsig, .mtls: nil
        }
    }
}

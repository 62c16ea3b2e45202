import GNAP
import HTTPMessageSignatures

/// Checks a client instance's key proof on the RFC 9635 API, by the method its key binding names (§7.3): `httpsig`
/// (§7.3.1), `mtls` (§7.3.2), `jwsd` (§7.3.3) or `jws` (§7.3.4); and the two proofs of a key rotation (§6.1.1,
/// ``verifyRotation(_:currentKey:)``). Every client-facing endpoint goes through here, so they fail the same way.
struct ClientProof: Sendable {
    let clock: AnyWallClock
    let replay: ReplayGuard

    /// Verifies `signed` against `key` by the key's method. A replayed signature or JWS is refused; the actor
    /// `client:<thumbprint>` is named once the proof passed.
    func verify(_ signed: SignedRequest, key: ClientKeyBinding) async throws(APIError) {
        try Self.checkContentForm(signed, method: key.proof.method)
        switch key.proof.method {
        case "httpsig": try await verifySignature(signed, key: key)
        case "jwsd": try await verifyJWS(.jwsd, signed, key: key)
        case "jws": try await verifyJWS(.jws, signed, key: key)
        case "mtls": try await verifyClientCertificate(signed, key: key)
        case let other:
            throw APIError(GNAPError(.invalidClient, "the client key's proof method '\(other)' is not supported"))
        }
        AuditContext.current?.identify("client:\(key.thumbprint)")
    }

    /// §7.3.4: a `jws` request with content sends the JWS as `application/jose`; every other method sends JSON. The
    /// AS accepts `application/jose` on its RFC 9635 endpoints, so the method decides here, once the key is known.
    static func checkContentForm(_ signed: SignedRequest, method: String) throws(APIError) {
        guard !signed.body.isEmpty else { return }
        if signed.isJOSE && method != "jws" {
            throw JSONContentType.refusal(
                signed.head,
                "application/jose content is for clients whose key uses the jws proof method; this key uses "
                    + "'\(method)': send application/json")
        }
        if !signed.isJOSE && method == "jws" {
            throw APIError(
                GNAPError(
                    .invalidClient,
                    "this client's key uses the jws proof method: send the content as a JWS, Content-Type "
                        + "application/jose (RFC 9635 §7.3.4)"))
        }
    }
}

import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// What a request's key proof established.
struct ProvenRequest: Sendable {
    /// The proving key's RFC 7638 thumbprint; nil for a bearer token.
    var thumbprint: String?
    /// The JWS payload of a `jws` request: the request content from now on (RFC 9635 §7.3.4).
    var content: [UInt8]?
}

extension ResourceServerGate {
    /// The key proof of the request (RFC 9635 §7.2: a bound token "MUST be sent using the key and proofing
    /// mechanism" bound to it), by the method of the token's key: httpsig covering `authorization` (§7.3.1), mtls
    /// (§7.3.2), jwsd (§7.3.3) or jws (§7.3.4) with `ath`.
    func checkProof(
        _ request: HTTPRequest, content: [UInt8], clientCertificate: [UInt8]?,
        _ presentation: AccessTokenPresentation, _ binding: CheckedToken.Binding, now: WallInstant,
        _ challenge: GNAPChallenge
    ) -> Result<ProvenRequest, ResourceServerRefusal> {
        switch (presentation, binding) {
        case (_, .unusable(let reason)):
            return .failure(unauthorized(.invalidToken, reason, challenge))
        case (.bearer, .bearer):
            return .success(ProvenRequest())
        case (.bearer, .key):
            return .failure(
                unauthorized(
                    .invalidToken,
                    "the access token is bound to a key; present it with the GNAP scheme and a proof by that key",
                    challenge))
        case (.gnap, .bearer):
            return .failure(
                unauthorized(
                    .invalidToken,
                    "the access token is a bearer token; present it as Authorization: Bearer "
                        + "(RFC 9635 §7.2)", challenge))
        case (.gnap(let token), .key(let proof)):
            switch proof.check {
            case .httpsig(let key, let keyID, let digests):
                return checkSignature(
                    request, content: content, key: key, keyID: keyID, digests: digests,
                    thumbprint: proof.thumbprint ?? "", now: now, challenge)
            case .jws(let method, let key):
                return checkJWS(
                    method, request, content: content, token: token, key: key, thumbprint: proof.thumbprint ?? "",
                    now: now, challenge)
            case .mtls(let binding):
                return checkCertificate(clientCertificate, binding: binding, challenge)
            case .mtlsThumbprint(let thumbprint):
                return checkCertificate(clientCertificate, thumbprint: thumbprint, challenge)
            }
        }
    }

    /// Records a proof's replay value (an httpsig nonce, a JWS's signature digest) under its key.
    func recordReplay(
        _ value: String, key: String, expiresAt: Int64, now: WallInstant, what: String, _ challenge: GNAPChallenge
    ) -> ResourceServerRefusal? {
        switch nonces.record(keyID: key, nonce: value, expiresAt: expiresAt, now: now.unixSeconds) {
        case .fresh:
            return nil
        case .replayed:
            return unauthorized(.replayedRequest, "this request was already received (\(what))", challenge)
        case .full:
            return ResourceServerRefusal(
                .serviceUnavailable,
                GNAPError(.temporarilyUnavailable, "too many signed requests from this key in flight; retry shortly"),
                challenge: nil)
        }
    }
}

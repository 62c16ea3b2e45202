import GNAP
import HTTPMessageSignatures
import HTTPTypes

extension SignedClient {
    /// Adds the proof of ``method`` to `request` and returns the body to send (for `jws`, the JWS itself).
    func prove(_ request: inout HTTPRequest, content: [UInt8], token: String?, rotatingTo newKey: SigningKey?)
        throws(GNAPClientError) -> [UInt8]
    {
        let now = clock.now
        do {
            switch method {
            case .httpsig:
                if let newKey {
                    try profile.signRotation(
                        &request, content: content, oldKey: key, newKey: newKey, digest: digest, now: now)
                } else {
                    try profile.sign(&request, content: content, key: key, digest: digest, now: now)
                }
                return content
            case .mtls:
                guard newKey == nil else {
                    throw GNAPClientError.invalidRequest(
                        "a key proven with mtls cannot be rotated by the client (RFC 9635 §7.3.2.1); "
                            + "have the AS's operator register the new certificate")
                }
                // §7.3.2: the TLS connection carries the proof; the transport presents the certificate.
                return content
            case .jwsd, .jws:
                let jwsMethod: JWSProof.Method = method == .jws ? .jws : .jwsd
                let target = JWSProofRequest(
                    method: request.method.rawValue, targetURI: Self.targetURI(of: request), accessToken: token,
                    content: content)
                let proof =
                    try newKey.map { newKey in
                        try JWSProof.signRotation(jwsMethod, request: target, currentKey: key, newKey: newKey, now: now)
                    } ?? JWSProof.sign(jwsMethod, request: target, key: key, now: now)
                if let detached = proof.detachedJWS { request.headerFields[JWSProof.detachedJWSField] = detached }
                if let contentType = proof.contentType { request.headerFields[.contentType] = contentType }
                return proof.body
            }
        } catch let error as GNAPClientError {
            throw error
        } catch {
            throw .signing(String(describing: error))
        }
    }

    /// The absolute URI of the request, as a JWS `uri` names it (§7.3.3: "including all path and query
    /// components and no fragment component").
    static func targetURI(of request: HTTPRequest) -> String {
        "\(request.scheme ?? "https")://\(request.authority ?? "")\(request.path ?? "/")"
    }
}

import GNAP
import HTTPMessageSignatures
import HTTPTypes

extension ResourceServerGate {
    /// The token of the request's `Authorization` field (RFC 9635 §7.2): the GNAP scheme, or `Bearer` when this RS
    /// accepts bearer tokens. A GNAP token without any key proof (no signature, no JWS, no client certificate) is
    /// refused here, before the AS is asked about it.
    func presentationOf(
        _ request: HTTPRequest, content: [UInt8], clientCertificate: [UInt8]?, challenge: GNAPChallenge
    ) -> Result<AccessTokenPresentation, ResourceServerRefusal> {
        var found: String?
        for field in request.headerFields where field.name == .authorization {
            guard found == nil else {
                return .failure(
                    ResourceServerRefusal(
                        .badRequest, GNAPError(.invalidRequest, "the request has more than one Authorization field"),
                        challenge: challenge))
            }
            found = field.value
        }
        guard let value = found else {
            return .failure(
                unauthorized(
                    .invalidToken, "this resource needs a GNAP access token (Authorization: GNAP, RFC 9635 §7.2)",
                    challenge))
        }
        switch AccessTokenPresentation.parse(value) {
        case .failure(let problem):
            return .failure(unauthorized(.invalidToken, problem.description, challenge))
        case .success(.bearer) where !configuration.acceptsBearerTokens:
            return .failure(
                unauthorized(
                    .invalidToken,
                    "bearer tokens are not accepted here; present a bound token with the GNAP scheme and a signature",
                    challenge))
        case .success(.gnap) where !Self.carriesProof(request, content: content, clientCertificate: clientCertificate):
            return .failure(
                unauthorized(
                    .invalidSignature,
                    "a GNAP access token must come with a proof by its key (RFC 9635 §7.3: an httpsig signature, a "
                        + "JWS, or a TLS client certificate)", challenge))
        case .success(let presentation):
            return .success(presentation)
        }
    }

    /// Whether the request carries some key proof: a signature, a detached JWS, a JWS body or a client certificate.
    static func carriesProof(_ request: HTTPRequest, content: [UInt8], clientCertificate: [UInt8]?) -> Bool {
        request.headerFields.contains(.signatureInput) || request.headerFields.contains(JWSProof.detachedJWSField)
            || clientCertificate?.isEmpty == false || (!content.isEmpty && isJOSE(request))
    }

    /// The proof method the request uses, as the RS names it to the AS (RFC 9767 §3.3 `proof`): httpsig for a
    /// signature, jws for a JWS body or a detached JWS of `typ` `gnap-binding-jws` (a jws request without content,
    /// RFC 9635 §7.3.4), jwsd for another detached JWS, mtls for a client certificate alone. Read without checking
    /// anything: the proof itself is checked against the token's key afterwards.
    static func proofMethod(_ request: HTTPRequest, content: [UInt8], clientCertificate: [UInt8]?) -> String {
        if request.headerFields.contains(.signatureInput) { return "httpsig" }
        if !content.isEmpty && isJOSE(request) { return JWSProof.Method.jws.rawValue }
        if let detached = request.headerFields[JWSProof.detachedJWSField] {
            let type = try? CompactJWS(parsing: detached).header.typ
            return (type == JWSProof.Method.jws.type ? JWSProof.Method.jws : .jwsd).rawValue
        }
        return clientCertificate?.isEmpty == false ? "mtls" : "httpsig"
    }

    /// Whether the content is a JWS (`application/jose`, RFC 9635 §7.3.4).
    static func isJOSE(_ request: HTTPRequest) -> Bool {
        guard let value = request.headerFields[.contentType] else { return false }
        let mediaType = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .trimmingCharacters(in: .whitespaces)
        return mediaType.lowercased() == JWSProof.mediaType
    }

    /// A 401 with the challenge (RFC 9110 §15.5.2: a 401 always carries `WWW-Authenticate`).
    func unauthorized(
        _ code: GNAPError.Code, _ description: String, _ challenge: GNAPChallenge, logDetail: String? = nil
    ) -> ResourceServerRefusal {
        ResourceServerRefusal(.unauthorized, GNAPError(code, description), challenge: challenge, logDetail: logDetail)
    }
}

import Foundation
import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// Calls a resource server (RFC 9635 §7.2): any method and content, with an access token in `Authorization: GNAP`
/// and the request proven by the token's key with the key's proofing method (§7.3), or with no token at all to
/// learn where to get one (§9.1). Returns the answer as it came, for the caller to read its status and challenge.
public struct ResourceClient: Sendable {
    public let transport: any HTTPTransport
    let clock: AnyWallClock

    public init<C: Clock & Sendable>(transport: any HTTPTransport, clock: C) where C.Instant == WallInstant {
        self.transport = transport
        self.clock = AnyWallClock(clock)
    }

    /// An RS's answer.
    public struct Answer: Sendable {
        public var status: Int
        public var headerFields: HTTPFields
        public var body: [UInt8]

        /// The RS-first challenge (`WWW-Authenticate: GNAP`), if the answer carries one.
        public var challenge: GNAPChallenge? {
            for field in headerFields where field.name == .wwwAuthenticate {
                if let challenge = GNAPChallenge(fieldValue: field.value) { return challenge }
            }
            return nil
        }

        /// The GNAP error of a refusal, if the body is one.
        public var error: GNAPError? { try? GNAPJSON.decode(GNAPErrorResponse.self, from: body).error }
    }

    /// Whether `method` is an HTTP method name (RFC 9110 §9: a token).
    public static func isMethod(_ method: String) -> Bool { HTTPRequest.Method(method.uppercased()) != nil }

    /// Sends `method` to `url` with `content` (JSON when not empty). With `token`, it is presented with the GNAP
    /// scheme and the request is proven with `key` by `proof` (a bound token is useless without its proof, §7.2):
    /// the same proofs ``SignedClient`` makes for the AS (httpsig under the `gnap` profile, §7.3.1; jwsd and jws with
    /// `ath`, §7.3.3, §7.3.4). For mtls (§7.3.2) nothing is added here: ``transport`` must present the certificate.
    public func call(
        _ method: String, url: String, content: [UInt8] = [], token: String? = nil, key: SigningKey? = nil,
        proof: ClientProofMethod = .httpsig
    ) async throws(GNAPClientError) -> Answer {
        guard let parsed = URL(string: url), parsed.scheme != nil, parsed.host != nil else { throw .invalidURL(url) }
        guard let verb = HTTPRequest.Method(method.uppercased()) else {
            throw .invalidRequest("'\(method.prefix(32))' is not an HTTP method")
        }
        var request = HTTPRequest(method: verb, url: parsed)
        request.headerFields[.accept] = "application/json"
        if !content.isEmpty { request.headerFields[.contentType] = "application/json" }
        var sent = content
        if let token {
            request.headerFields[.authorization] = AccessTokenPresentation.gnap(token).fieldValue
            if let key {
                let signer = SignedClient(
                    transport: transport, key: key, profile: .gnap, digest: .sha256, method: proof, clock: clock)
                sent = try signer.prove(&request, content: content, token: token, rotatingTo: nil)
            }
        }
        let (response, body) = try await transport.send(request, body: sent)
        return Answer(status: response.status.code, headerFields: response.headerFields, body: body)
    }
}

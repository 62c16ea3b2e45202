import GNAP
import GNAPClient
import HTTPMessageSignatures

/// Introspects tokens at the AS's introspection endpoint (RFC 9767 §3.3): a `POST` signed with the RS's own key
/// under the `gnap` httpsig profile, like a client's call (§3.2, RFC 9635 §7.3.1), identifying the RS by value or by
/// reference, with the RS's management access token when the AS issued one (§3.2).
public struct RemoteTokenIntrospector: TokenIntrospector {
    public let endpoint: String
    public let identification: ResourceServerIdentification
    let client: SignedClient
    let managementToken: String?

    /// - Parameters:
    ///   - endpoint: the AS's `introspection_endpoint` (from ``ResourceServerDiscovery``).
    ///   - key: the RS's signing key.
    ///   - identification: default: the key by value (its public JWK, `proof: httpsig`).
    ///   - managementToken: default none; sent as `Authorization: GNAP` and covered by the signature.
    ///   - transport: default ``AsyncHTTPTransport`` with its defaults.
    public init<C: Clock & Sendable>(
        endpoint: String, key: SigningKey, identification: ResourceServerIdentification? = nil,
        managementToken: String? = nil, transport: any HTTPTransport = AsyncHTTPTransport(), clock: C
    ) throws(IntrospectionFailure) where C.Instant == WallInstant {
        self.endpoint = endpoint
        if let identification {
            self.identification = identification
        } else {
            do {
                self.identification = .value(
                    ResourceServerKey(key: ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK())))
            } catch {
                throw .signing("the key has no public JWK: \(error)")
            }
        }
        self.managementToken = managementToken
        client = SignedClient(transport: transport, key: key, profile: .gnap, clock: clock)
    }

    public func introspect(_ query: IntrospectionQuery) async throws(IntrospectionFailure)
        -> TokenIntrospectionResponse
    {
        let request = TokenIntrospectionRequest(
            accessToken: query.accessToken, proof: query.proof, resourceServer: identification, access: query.access)
        let answer: CheckedIntrospectionResponse
        do {
            answer = try await client.send(
                .post, url: endpoint, json: request, token: managementToken, as: CheckedIntrospectionResponse.self)
        } catch {
            throw .exchange(error)
        }
        switch answer.result {
        case .success(let response): return response
        case .failure(let problem): throw .malformedResponse(problem.reason)
        }
    }
}

private struct DecodeProblem: Error {
    let reason: String
}

/// Decodes a response while keeping the reason it is refused (SignedClient only says that decoding failed).
private struct CheckedIntrospectionResponse: Decodable {
    let result: Result<TokenIntrospectionResponse, DecodeProblem>

    init(from decoder: any Decoder) throws {
        do {
            result = .success(try TokenIntrospectionResponse(from: decoder))
        } catch let error as DecodingError {
            result = .failure(DecodeProblem(reason: Self.describe(error)))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty
                ? "the response"
                : "'"
                    + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                    .joined(separator: ".") + "'"
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "the response does not decode"
        }
    }
}

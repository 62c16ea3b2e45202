import GNAP

/// `POST /gnap/introspect` (RFC 9767 §3.3): the pre-registered benchmark RS, identified by reference, asks about
/// live access tokens, each request signed by the RS's key with its own nonce. Every answer must be `active: true`
/// with the token's rights (the RS serves `photo-api` at `https://photos.example`). The RS key is checked, the
/// token looked up by hash with its grant, the rights filtered for the RS, and an audit entry written per call.
///
/// The tokens come from the AS's own flow, untimed, as for token rotation; at most 1,000 of them, asked about in turn.
///
/// All requests are signed by the one RS key, and the AS accepts at most `--max-signatures-per-key` (2,000 by default)
/// signatures of a key within its signature window, so the scenario sends at most that many: with the default 10,000,
/// 8,000 answers were 400 "this key signed more than 2000 requests".
enum TokenIntrospection {
    static let maximumTokens = 1000
    /// `gnapterm serve`'s default `--max-signatures-per-key`.
    static let maximumRequests = 2000

    static func run(_ context: BenchmarkContext, count requested: Int) async throws -> LoadMeasurement {
        let count = min(requested, maximumRequests)
        if count < requested {
            print("  token-introspect: \(count) requests, not \(requested): the AS's per-key signature bound")
        }
        let tokens = try await TokenRotation.issueTokens(
            context, boundGrants: nil, count: min(count, maximumTokens))
        let created = WallClock().now
        let rs = context.resourceServer
        let requests = try (0..<count).map { index in
            let body = try GNAPJSON.encode(
                TokenIntrospectionRequest(
                    accessToken: tokens[index % tokens.count].value, proof: "httpsig",
                    resourceServer: .reference(BenchmarkResourceServer.id)))
            return try RequestSigner.sign(
                method: .post, path: "/gnap/introspect", authority: context.authority, body: body, key: rs.key,
                profile: .gnap, created: created, nonce: Secrets.identifier()
            ).request
        }
        return try await context.measure(
            LoadRun(
                name: ScenarioName.introspect.rawValue, requests: requests,
                expectation: .init(contains: [#""active":true"#, #""type":"photo-api""#], lacks: [#""error""#]),
                unit: "introspection"))
    }
}

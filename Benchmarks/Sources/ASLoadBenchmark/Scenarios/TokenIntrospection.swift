import GNAP

/// `POST /gnap/introspect` (RFC 9767 §3.3): the pre-registered benchmark RS, identified by reference, asks about
/// live access tokens, each request signed by the RS's key with its own nonce. Every answer must be `active: true`
/// with the token's rights (the RS serves `photo-api` at `https://photos.example`). The RS key is checked, the
/// token looked up by hash with its grant, the rights filtered for the RS, and an audit entry written per call.
///
/// The tokens come from the AS's own flow, untimed, as for token rotation; at most 1,000 of them, asked about in turn.
enum TokenIntrospection {
    static let maximumTokens = 1000

    static func run(_ context: BenchmarkContext, count: Int) async throws -> LoadMeasurement {
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

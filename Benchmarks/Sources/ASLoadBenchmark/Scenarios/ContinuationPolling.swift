import GNAP

/// `POST /gnap/continue/{id}` without content (RFC 9635 §5.2): one poll for each of N pending grants, sent only once
/// the grant's `wait` has passed since it was created, so no answer may be `too_fast`; every answer must be the
/// pending answer (a new continuation with `wait`, no error). A grant is polled once: its continuation token rotates
/// on every poll, so a second poll could not be signed in advance.
enum ContinuationPolling {
    static func run(_ context: BenchmarkContext, count: Int) async throws -> LoadMeasurement {
        let grants = try await context.createPendingGrants(count)
        let newest = grants.map(\.createdAt).max() ?? .now
        try await Task.sleep(until: newest + .seconds(context.options.pollInterval) + .milliseconds(500))
        let created = WallClock().now
        let requests = try grants.map { grant in
            try RequestSigner.sign(
                method: .post, path: grant.continuePath, authority: context.authority, body: [],
                authorization: grant.continuationToken, key: context.fleet.clients[grant.clientIndex].key,
                profile: .gnap, created: created, nonce: Secrets.identifier()
            ).request
        }
        return try await context.measure(
            LoadRun(
                name: ScenarioName.poll.rawValue, requests: requests,
                expectation: .init(
                    contains: [#""continue":{"access_token":{"value":""#, #""wait":\#(context.options.pollInterval)"#],
                    lacks: [#""error""#, #""manage""#]),
                unit: "poll"))
    }
}

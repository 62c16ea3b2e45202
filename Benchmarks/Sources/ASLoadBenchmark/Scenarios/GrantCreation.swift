import GNAP

/// `POST /gnap` (RFC 9635 §2): N grant requests from the client fleet, each with its own nonce, pre-signed just
/// before the run. Every answer must be a pending grant with a user code and a continuation (§3).
enum GrantCreation {
    /// `nonces: false` is the set-up variant (grants for the admin listing): no nonce, not profiled.
    static func run(
        _ context: BenchmarkContext, count: Int, name: String = ScenarioName.create.rawValue, nonces: Bool = true
    ) async throws -> LoadMeasurement {
        let created = WallClock().now
        let first = context.grantsCreated
        let requests = try (0..<count).map { offset in
            try context.fleet.grantRequest(
                first + offset, authority: context.authority, created: created,
                nonce: nonces ? Secrets.identifier() : nil
            ).request
        }
        context.grantsCreated += count
        return try await context.measure(
            LoadRun(
                name: name, requests: requests,
                expectation: .init(
                    contains: [#""user_code":""#, #""continue":{"access_token":{"value":""#], lacks: [#""error""#]),
                unit: "grant", isScenario: nonces))
    }
}

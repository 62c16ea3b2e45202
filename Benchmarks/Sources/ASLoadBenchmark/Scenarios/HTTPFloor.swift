/// `GET /.well-known/gnap-as-rs` (RFC 9635 §8): the discovery document, unsigned, N times. No signature, no JSON
/// decoding, no store: what one request costs the AS's HTTP stack (NIO, Hummingbird, the router and the AS's
/// middleware), so that the other scenarios' cost can be read against it in the same run (docs/performance.md).
enum HTTPFloor {
    static func run(_ context: BenchmarkContext, count: Int) async throws -> LoadMeasurement {
        let request = RawRequest(
            method: "GET", path: "/.well-known/gnap-as-rs", authority: context.authority, fields: [], body: [])
        return try await context.measure(
            LoadRun(
                name: ScenarioName.floor.rawValue, requests: Array(repeating: request, count: count),
                expectation: .init(contains: [#""grant_request_endpoint":""#], lacks: [#""error""#]),
                unit: "discovery request"))
    }
}

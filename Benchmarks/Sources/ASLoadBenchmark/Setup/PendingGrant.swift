import GNAP

/// A grant created during set-up, with what later requests need: which client made it (its key signs the
/// continuation), the continuation URI's path and token, and the user code an approver enters.
struct PendingGrant: Sendable {
    var clientIndex: Int
    var id: String
    var continuePath: String
    var continuationToken: String
    var userCode: String
    var createdAt: ContinuousClock.Instant
    /// The approver device (index into the context's `approvers`) that entered the code, once one has.
    var approverIndex: Int?
}

/// Creates grants through the grant endpoint with the set-up client (untimed), signed without a nonce.
enum GrantFactory {
    static func create(
        count: Int, firstIndex: Int, fleet: ClientFleet, client: SetupClient, authority: String, baseURL: String
    ) async throws -> [PendingGrant] {
        let responses = try await client.sendAll(count: count) { offset in
            try fleet.grantRequest(firstIndex + offset, authority: authority, created: WallClock().now, nonce: nil)
                .request
        }
        let now = ContinuousClock.now
        return try responses.enumerated().map { offset, response in
            let answer = try SetupClient.decode(GrantResponse.self, response, "grant creation")
            guard let next = answer.continue, next.uri.hasPrefix(baseURL), let code = answer.interact?.userCode else {
                throw BenchmarkFailure("grant creation: no continuation or user code in \(response.text.prefix(300))")
            }
            let path = String(next.uri.dropFirst(baseURL.count))
            return PendingGrant(
                clientIndex: (firstIndex + offset) % fleet.clients.count, id: String(path.split(separator: "/").last!),
                continuePath: path, continuationToken: next.accessToken.value, userCode: code, createdAt: now)
        }
    }
}

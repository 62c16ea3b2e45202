import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import GNAPStoreTestSupport
import HTTPMessageSignatures
import Testing

/// Two continuation calls racing on one continuation token against a real AS over HTTP: exactly one succeeds, the
/// other gets `invalid_continuation` (RFC 9635 §5). A `RendezvousStore` makes each pair meet at the start of their
/// transactions, after both passed every earlier check, so the calls really overlap.
@Suite("Racing continuation calls, over HTTP", .serialized)
struct LiveContinuationRaceTests {
    static let rounds = 30

    /// A live AS whose grant updates pass `gate`.
    static func server(_ gate: RendezvousGate) async throws -> LiveServer {
        try await LiveServer.start(grants: { RendezvousStore($0, gate: gate) })
    }

    /// Runs two calls concurrently; returns how many succeeded and how many failed with `invalid_continuation`,
    /// and the winner's next continuation.
    static func race(
        _ first: @escaping @Sendable () async throws(GNAPClientError) -> ContinueResponse?,
        _ second: @escaping @Sendable () async throws(GNAPClientError) -> ContinueResponse?,
        gate: RendezvousGate
    ) async -> (won: Int, lost: Int, next: ContinueResponse?) {
        await gate.arm()
        @Sendable func attempt(_ call: @Sendable () async throws(GNAPClientError) -> ContinueResponse?) async
            -> Result<ContinueResponse?, GNAPClientError>
        {
            do {
                return .success(try await call())
            } catch {
                return .failure(error)
            }
        }
        async let one = attempt(first)
        async let two = attempt(second)
        let results = await [one, two]
        var won = 0
        var lost = 0
        var next: ContinueResponse?
        for result in results {
            switch result {
            case .success(let continuation):
                won += 1
                next = continuation
            case .failure(let error) where error.gnapError?.code == .invalidContinuation:
                lost += 1
            case .failure:
                break
            }
        }
        return (won, lost, next)
    }

    @Test func twoPollsOneWins() async throws {
        let gate = RendezvousGate()
        let server = try await Self.server(gate)
        defer { Task { await server.stop() } }
        let client = server.grantClient()
        let flow = DeviceFlow(client: client, clock: server.clock)
        let response = try await client.request(
            try flow.grantRequest(access: [.photosAndDolphins], display: nil), endpoint: server.base + "/gnap")
        var continuation = try #require(response.continue)
        for round in 0..<Self.rounds {
            server.clock.advance(by: .seconds(5))
            let current = continuation
            let (won, lost, next) = await Self.race(
                { () async throws(GNAPClientError) in try await client.poll(current).continue },
                { () async throws(GNAPClientError) in try await client.poll(current).continue }, gate: gate)
            #expect(won == 1 && lost == 1, "round \(round)")
            continuation = try #require(next)
        }
        #expect(await gate.meetings == Self.rounds)
    }

    @Test func modificationAndCancellationRaceToo() async throws {
        let gate = RendezvousGate()
        let server = try await Self.server(gate)
        defer { Task { await server.stop() } }
        let client = server.grantClient()
        let flow = DeviceFlow(client: client, clock: server.clock)
        let less = GrantRequest(accessToken: .single(AccessTokenRequest(access: [.reference("dolphin-metadata")])))
        for round in 0..<Self.rounds {
            let response = try await client.request(
                try flow.grantRequest(access: [.photosAndDolphins], display: nil), endpoint: server.base + "/gnap")
            let continuation = try #require(response.continue)
            server.clock.advance(by: .seconds(5))
            let modify: @Sendable () async throws(GNAPClientError) -> ContinueResponse? = {
                try await client.modify(continuation: continuation, request: less).continue
            }
            let cancel: @Sendable () async throws(GNAPClientError) -> ContinueResponse? = {
                try await client.cancel(continuation: continuation)
                return nil
            }
            let poll: @Sendable () async throws(GNAPClientError) -> ContinueResponse? = {
                try await client.poll(continuation).continue
            }
            let pairs = [(poll, modify), (modify, cancel), (cancel, poll), (cancel, cancel), (modify, modify)]
            let (won, lost, _) = await Self.race(
                pairs[round % pairs.count].0, pairs[round % pairs.count].1, gate: gate)
            #expect(won == 1 && lost == 1, "round \(round)")
        }
        #expect(await gate.meetings == Self.rounds)
    }
}

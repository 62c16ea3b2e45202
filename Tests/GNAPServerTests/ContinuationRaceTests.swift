import GNAP
import GNAPServer
import GNAPStoreTestSupport
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Two continuation calls racing on one continuation token (RFC 9635 §5: the token is rotated by every answered
/// call): exactly one succeeds, the other gets `invalid_continuation`. A `RendezvousStore` holds each call at the
/// start of its transaction until the other has arrived there too, so both have passed every check made before the
/// transaction (the token matched for both); only the re-check inside the transaction can refuse one of them.
@Suite("Racing continuation calls, in process")
struct ContinuationRaceTests {
    static let rounds = 30

    enum Call: CaseIterable {
        case poll, modify, cancel

        var method: HTTPRequest.Method {
            switch self {
            case .poll: .post
            case .modify: .patch
            case .cancel: .delete
            }
        }
        var content: [UInt8] { self == .modify ? Array(ModificationEndpointTests.dolphins.utf8) : [] }
        var success: HTTPResponse.Status { self == .cancel ? .noContent : .ok }
    }

    let gate = RendezvousGate()

    func harness() async throws -> ASHarness {
        let gate = self.gate
        return try await ASHarness(serving: { RendezvousStore($0, gate: gate) })
    }

    /// Sends both calls at once with the same token; checks that they met before their transactions and that one
    /// won; returns the winning call and its `continue`, if any.
    func race(_ client: ASHarness.Client, _ grant: TestGrant, _ calls: (Call, Call), round: Int)
        async throws -> (winner: Call?, next: ContinueResponse?)
    {
        let (path, key, token) = (grant.path, grant.instance.key, grant.token)
        let metBefore = await gate.meetings
        await gate.arm()
        async let first = client.send(calls.0.method, path, content: calls.0.content, key: key, token: token)
        async let second = client.send(calls.1.method, path, content: calls.1.content, key: key, token: token)
        let replies = try await [(calls.0, first), (calls.1, second)]
        #expect(await gate.meetings == metBefore + 1, "round \(round) \(calls): the calls did not overlap")
        let won = replies.filter { $0.1.status == $0.0.success }
        let lost = replies.filter { $0.1.status == .unauthorized && $0.1.error?.code == .invalidContinuation }
        #expect(won.count == 1 && lost.count == 1, "round \(round) \(calls): \(replies.map(\.1.status))")
        return (won.first?.0, won.first?.1.response?.continue)
    }

    @Test func twoPollsOneWins() async throws {
        let harness = try await harness()
        try await harness.run { client in
            var grant = try await TestGrant.start(client)
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            try await approver.approve(client, code: grant.userCode, rights: ["0.0"])
            for round in 0..<Self.rounds {
                harness.clock.advance(by: .seconds(5))
                grant.continuation = try #require(try await race(client, grant, (.poll, .poll), round: round).next)
            }
            // The approval was delivered exactly once.
            #expect(try await harness.store.accessTokens(grantID: grant.grantID).count == 1)
        }
        #expect(await gate.meetings == Self.rounds)
    }

    @Test func mixedCallsOneWins() async throws {
        let harness = try await harness()
        let pairs: [(Call, Call)] = [
            (.poll, .modify), (.modify, .modify), (.modify, .cancel), (.cancel, .poll), (.cancel, .cancel),
        ]
        try await harness.run { client in
            for round in 0..<Self.rounds {
                let grant = try await TestGrant.start(client)
                harness.clock.advance(by: .seconds(5))
                let pair = pairs[round % pairs.count]
                let (winner, next) = try await race(client, grant, pair, round: round)
                // Only the winner's effect is stored: a winning cancellation finalized the grant, any other winner
                // left it open with the continuation token it answered with.
                let record = try #require(try await harness.store.grant(id: grant.grantID))
                if winner == .cancel {
                    #expect(record.lifecycle.outcome == .cancelled, "round \(round)")
                } else {
                    #expect(record.lifecycle.status == .pending, "round \(round)")
                    let token = try #require(next?.accessToken.value)
                    #expect(Secrets.matches(token, storedHash: record.continuationTokenHash), "round \(round)")
                }
            }
        }
        #expect(await gate.meetings == Self.rounds)
    }
}

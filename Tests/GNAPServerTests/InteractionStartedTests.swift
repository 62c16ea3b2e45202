import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// The gnapterm extension of pending continuation responses (§5.2): `gnapterm_interaction_started` tells a device
/// that someone entered its code, so it can say "code entered" instead of "waiting".
@Suite("Interaction started (pending responses)")
struct InteractionStartedTests {
    @Test func aPendingResponseSaysOnceTheCodeWasEntered() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let started = try await client.startGrant(try instance.request(), key: instance.key)
            let before = try await client.poll(started, key: instance.key)
            #expect(before.status == .ok)
            let waiting = try before.decode(GrantResponse.self)
            #expect(waiting.interactionStarted == nil)
            #expect(!String(decoding: before.body, as: UTF8.self).contains("gnapterm_interaction_started"))
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            _ = try await client.enterCode(of: started, as: approver)
            let after = try await client.poll(waiting, key: instance.key)
            let entered = try after.decode(GrantResponse.self)
            #expect(entered.interactionStarted == true)
            #expect(entered.continue != nil && entered.accessToken == nil)
            #expect(String(decoding: after.body, as: UTF8.self).contains(#""gnapterm_interaction_started":true"#))
        }
    }
}

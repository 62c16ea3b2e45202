import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// `GrantClient` proving every call with `jwsd` (RFC 9635 §7.3.3) or `jws` (§7.3.4) against a real AS over HTTP:
/// the AS stores the instance under that method, and the grant request, continuation, token rotation (also to a
/// new key, §6.1.1), instance key rotation and revocation all go through. (mtls needs TLS: `EndToEndTests`.)
@Suite("GrantClient with JWS proofs", .serialized)
struct ClientProofMethodLiveTests {
    static func key() -> SigningKey {
        var key = SigningKey.generateEd25519()
        key.keyID = try! key.publicJWK().thumbprint()
        return key
    }

    @Test(arguments: [ClientProofMethod.jwsd, .jws])
    func everyCallIsProvenByTheMethod(_ method: ClientProofMethod) async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let key = Self.key()
        let client = GrantClient(transport: server.transport, key: key, clock: server.clock, method: method)
        #expect(try client.clientKey().proof.method == method.rawValue)
        #expect(try client.clientKey().jwk?.kid == key.keyID)
        let flow = DeviceFlow(client: client, clock: server.clock)
        let response = try await client.request(
            try flow.grantRequest(access: [.photosAndDolphins], display: nil), endpoint: server.base + "/gnap")
        let instanceID = try #require(response.instanceID)
        let instance = try #require(try await server.store.clientInstance(id: instanceID))
        #expect(instance.key.proof.method == method.rawValue)

        let approver = try await server.enrolledApprover()
        let review = try await approver.enterCode(try UserCode(parsing: try #require(response.interact?.userCode)))
        _ = try await approver.approve(
            grantID: review.grantID, ApprovalRequest(rights: ["0.0", "0.1"], subjectFormats: []))
        server.clock.advance(by: .seconds(5))
        let granted = try await client.poll(try #require(response.continue))
        let token = try #require(granted.accessToken?.tokens.first)
        let rotated = try await client.rotateToken(try #require(token.manage))
        #expect(rotated.value != token.value)

        // The instance moves to a new key, proven by both (the current key's JWS inside the new key's).
        let newKey = Self.key()
        try await client.rotateInstanceKey(instanceID: instanceID, base: server.base, newKey: newKey)
        let moved = try #require(try await server.store.clientInstance(id: instanceID))
        #expect(moved.key.thumbprint == newKey.keyID)
        #expect(moved.key.proof.method == method.rawValue)
        // The old key is refused; the new one manages the token.
        let manage = try #require(rotated.manage)
        do {
            try await client.revokeToken(manage)
            Issue.record("the old key must no longer manage the token")
        } catch {
            #expect(error.gnapError?.code == .invalidClient)
        }
        let next = GrantClient(transport: server.transport, key: newKey, clock: server.clock, method: method)
        try await next.revokeToken(manage)
        let record = try #require(try await server.store.accessToken(hash: Secrets.hash(rotated.value)))
        #expect(record.revokedAt != nil)
    }

    @Test func aJWSClientNeedsAKeyID() throws {
        let client = GrantClient(
            transport: AsyncHTTPTransport(), key: .generateEd25519(), clock: ManualClock(), method: .jwsd)
        #expect(throws: GNAPClientError.self) { try client.clientKey() }
        let mtls = GrantClient(
            transport: AsyncHTTPTransport(), key: Self.key(), clock: ManualClock(), method: .mtls)
        // mtls sends the key as its certificate, which this client lacks.
        #expect(throws: GNAPClientError.self) { try mtls.clientKey() }
    }
}

import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// Token management (RFC 9635 §6) and key rotation (§6.1.1, §7.3.1.1) against a real AS over HTTP.
@Suite("Token management and key rotation", .serialized)
struct TokenManagementTests {
    /// Runs a grant to approval and returns the issued token with the client that owns it.
    func issuedToken(_ server: LiveServer, key: SigningKey) async throws -> (
        GrantClient, AccessTokenResponse, GrantRecord
    ) {
        let client = server.grantClient(key: key)
        let flow = DeviceFlow(client: client, clock: server.clock)
        let response = try await client.request(
            try flow.grantRequest(access: [.photosAndDolphins], display: nil), endpoint: server.base + "/gnap")
        let approver = try await server.enrolledApprover()
        let review = try await approver.enterCode(try UserCode(parsing: try #require(response.interact?.userCode)))
        _ = try await approver.approve(
            grantID: review.grantID, ApprovalRequest(rights: ["0.0", "0.1"], subjectFormats: []))
        server.clock.advance(by: .seconds(5))
        let granted = try await client.poll(try #require(response.continue))
        let token = try #require(granted.accessToken?.tokens.first)
        let grant = try #require(try await server.store.grant(id: review.grantID))
        return (client, token, grant)
    }

    static func key(_ id: String) -> SigningKey {
        var key = SigningKey.generateEd25519()
        key.keyID = try! key.publicJWK().thumbprint()
        return key
    }

    @Test func rotationReplacesTheValueAndKeepsTheRights() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let (client, token, _) = try await issuedToken(server, key: Self.key("device"))
        let manage = try #require(token.manage)
        #expect(manage.uri.hasPrefix(server.base + "/gnap/token/"))
        #expect(manage.accessToken.value != token.value)
        server.clock.advance(by: .seconds(60))
        let rotated = try await client.rotateToken(manage)
        #expect(rotated.value != token.value)
        #expect(rotated.access == token.access)
        #expect(rotated.expiresIn == 3600)
        // The old value is gone; the new one is stored (as a hash) with the same rights.
        #expect(try await server.store.accessToken(hash: Secrets.hash(token.value)) == nil)
        let stored = try #require(try await server.store.accessToken(hash: Secrets.hash(rotated.value)))
        #expect(stored.access == token.access)
        // The management token rotated too: the old one no longer works.
        do {
            _ = try await client.rotateToken(manage)
            Issue.record("an old management token must not work")
        } catch {
            #expect(error.gnapError?.code == .invalidRotation)
        }
        #expect(try await client.rotateToken(try #require(rotated.manage)).value != rotated.value)
    }

    @Test func bindingANewKeyNeedsBothSignatures() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let oldKey = Self.key("old")
        let (client, token, _) = try await issuedToken(server, key: oldKey)
        let newKey = Self.key("new")
        let rotated = try await client.rotateToken(try #require(token.manage), newKey: newKey)
        let stored = try #require(try await server.store.accessToken(hash: Secrets.hash(rotated.value)))
        #expect(stored.boundKeyThumbprint == (try newKey.publicJWK().thumbprint()))
        // §3.2.1: the answer names the key, since it is no longer the one the client presents for the grant.
        #expect(rotated.key?.jwk == (try newKey.publicJWK()))
        // From now on only the new key manages the token.
        let manage = try #require(rotated.manage)
        do {
            _ = try await client.rotateToken(manage)
            Issue.record("the old key must no longer manage the token")
        } catch {
            #expect(error.gnapError?.code == .invalidClient)
        }
        let newClient = server.grantClient(key: newKey)
        let again = try await newClient.rotateToken(manage)
        // A rotation "proved" by a key that is not the bound one is refused with invalid_rotation.
        let stranger = server.grantClient(key: Self.key("stranger"))
        do {
            _ = try await stranger.rotateToken(try #require(again.manage), newKey: Self.key("next"))
            Issue.record("a rotation without the bound key must be refused")
        } catch {
            #expect((error as? GNAPClientError)?.gnapError?.code == .invalidRotation)
        }
    }

    @Test func revocationAnswers204AndIsFinal() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let (client, token, _) = try await issuedToken(server, key: Self.key("device"))
        let manage = try #require(token.manage)
        try await client.revokeToken(manage)
        let stored = try #require(try await server.store.accessToken(hash: Secrets.hash(token.value)))
        #expect(stored.revokedAt != nil)
        #expect(!stored.isActive(at: server.clock.now))
        // §6.2: revoking again is honoured as valid.
        try await client.revokeToken(manage)
        do {
            _ = try await client.rotateToken(manage)
            Issue.record("a revoked token cannot be rotated")
        } catch {
            #expect(error.gnapError?.code == .invalidRotation)
        }
    }

    @Test func aClientInstanceCanMoveToANewKey() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let oldKey = Self.key("old")
        let client = server.grantClient(key: oldKey)
        let flow = DeviceFlow(client: client, clock: server.clock)
        let response = try await client.request(
            try flow.grantRequest(access: [.photosAndDolphins], display: nil), endpoint: server.base + "/gnap")
        let instanceID = try #require(response.instanceID)
        let newKey = Self.key("new")
        try await client.rotateInstanceKey(instanceID: instanceID, base: server.base, newKey: newKey)
        server.clock.advance(by: .seconds(5))
        // The pending grant now belongs to the new key.
        do {
            _ = try await client.poll(try #require(response.continue))
            Issue.record("the old key must no longer continue the grant")
        } catch {
            #expect((error as? GNAPClientError)?.gnapError?.code == .invalidClient)
        }
        let newClient = server.grantClient(key: newKey)
        let next = try await newClient.poll(try #require(response.continue))
        #expect(next.continue != nil)
        // Rotating to a key already in use, or without the new key's signature, is refused.
        do {
            try await newClient.rotateInstanceKey(instanceID: instanceID, base: server.base, newKey: newKey)
            Issue.record("rotating to the same key must be refused")
        } catch {
            #expect(error.gnapError?.code == .invalidRotation)
        }
        #expect(
            try await server.store.clientInstance(id: instanceID)?.key.thumbprint
                == (try newKey.publicJWK().thumbprint()))
    }
}

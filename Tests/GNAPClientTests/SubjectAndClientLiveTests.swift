import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// Discovery, `id_token` assertions, pre-registered clients and the named user against a real AS over HTTP.
@Suite("Subject information, registered clients and users (live)", .serialized)
struct SubjectAndClientLiveTests {
    static func key() -> SigningKey {
        var key = SigningKey.generateEd25519()
        key.keyID = try! key.publicJWK().thumbprint()
        return key
    }

    @Test func anIDTokenVerifiesWithTheKeySetFoundThroughDiscovery() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let transport = server.transport
        let discovery = try await GrantClient.discoverGrantServer(endpoint: server.base + "/gnap", transport: transport)
        #expect(discovery.grantRequestEndpoint == server.base + "/gnap")
        #expect(discovery.assertionFormatsSupported == ["id_token"])
        let jwksURI = try #require(discovery.jwksURI)
        let client = server.grantClient(key: Self.key())
        let flow = DeviceFlow(client: client, clock: server.clock)
        let response = try await client.request(
            try flow.grantRequest(
                access: [.photosAndDolphins], display: ClientDisplay(name: "Reader"),
                subject: SubjectRequest(subIDFormats: ["opaque"], assertionFormats: ["id_token"])),
            endpoint: discovery.grantRequestEndpoint)
        let approver = try await server.enrolledApprover()
        let review = try await approver.enterCode(try UserCode(parsing: try #require(response.interact?.userCode)))
        _ = try await approver.approve(
            grantID: review.grantID,
            ApprovalRequest(rights: ["0.1"], subjectFormats: ["opaque"], assertionFormats: ["id_token"]))
        server.clock.advance(by: .seconds(5))
        let granted = try await client.poll(try #require(response.continue))
        let subject = try #require(granted.subject)
        let idToken = try #require(subject.assertions?.first { $0.format == "id_token" }?.value)
        let keys = try await GrantClient.keySet(uri: jwksURI, transport: transport)
        let parts = try CompactJWS.verify(idToken, keys: keys.keys)
        let claims = try GNAPJSON.decode(IDTokenClaims.self, from: parts.payload)
        #expect(claims.iss == server.base && claims.aud == response.instanceID)
        #expect(subject.subIDs == [.opaque(claims.sub)])
        #expect(claims.email == nil)
        #expect(subject.updatedAt != nil)
    }

    @Test func aPreRegisteredClientIsShownAsVetted() async throws {
        let key = Self.key()
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let registry = ClientRegistry(entries: [
            ClientRegistry.Entry(
                id: "lobby-kiosk",
                key: try ClientKeyBinding(ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK())),
                display: ClientDisplay(name: "Lobby Kiosk", uri: "https://kiosk.example"))
        ])
        try await ClientRegistration.apply(registry, to: server.store, now: server.clock.now)
        let client = server.grantClient(key: key)
        let response = try await client.request(
            GrantRequest(
                accessToken: .single(.photosAndDolphins), client: .reference("lobby-kiosk"),
                interact: InteractRequest(start: ["user_code"])),
            endpoint: server.base + "/gnap")
        let approver = try await server.enrolledApprover()
        let review = try await approver.enterCode(try UserCode(parsing: try #require(response.interact?.userCode)))
        #expect(review.client.vetted && review.client.instanceID == "lobby-kiosk")
        #expect(review.client.display?.name == "Lobby Kiosk")
        do {
            _ = try await client.request(
                GrantRequest(
                    accessToken: .single(.photosAndDolphins), client: .reference("unknown-kiosk"),
                    interact: InteractRequest(start: ["user_code"])),
                endpoint: server.base + "/gnap")
            Issue.record("an unknown client reference must be refused")
        } catch {
            #expect(error.gnapError?.code == .invalidClient)
        }
    }

    @Test func anotherAccountCannotApproveARequestForAlice() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let client = server.grantClient(key: Self.key())
        var request = try DeviceFlow(client: client, clock: server.clock).grantRequest(
            access: [.photosAndDolphins], display: nil)
        request.user = .value(UserValue(subIDs: [.email("alice@example.com")]))
        let response = try await client.request(request, endpoint: server.base + "/gnap")
        let bob = try await server.enrolledApprover(username: "bob")
        let review = try await bob.enterCode(try UserCode(parsing: try #require(response.interact?.userCode)))
        #expect(review.user?.matchesApprover == false)
        do {
            _ = try await bob.approve(grantID: review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
            Issue.record("bob must not approve a request for alice")
        } catch {
            #expect(error.gnapError?.code == .unknownUser)
        }
        server.clock.advance(by: .seconds(5))
        let continuation = try #require(response.continue)
        do {
            _ = try await client.poll(continuation)
            Issue.record("the client must be told unknown_user")
        } catch {
            #expect(error.gnapError?.code == .unknownUser)
        }
        // Alice herself may approve the same kind of request.
        let again = try await client.request(request, endpoint: server.base + "/gnap")
        let alice = try await server.enrolledApprover(username: "alice")
        let aliceReview = try await alice.enterCode(try UserCode(parsing: try #require(again.interact?.userCode)))
        #expect(aliceReview.user?.matchesApprover == true)
        #expect(
            try await alice.approve(grantID: aliceReview.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
                .status == .approved)
    }

    @Test func tokenKeyRotationCanBeTurnedOff() async throws {
        let server = try await LiveServer.start { $0.requestPolicy.allowsTokenKeyRotation = false }
        defer { Task { await server.stop() } }
        let (client, token, _) = try await TokenManagementTests().issuedToken(server, key: Self.key())
        let manage = try #require(token.manage)
        do {
            _ = try await client.rotateToken(manage, newKey: Self.key())
            Issue.record("rotation to a new key must be refused")
        } catch {
            #expect(error.gnapError?.code == .keyRotationNotSupported)
        }
        // Rotating the value alone still works.
        #expect(try await client.rotateToken(manage).value != token.value)
    }
}

import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// §2.3, §2.3.1: pre-registered client instances, by reference and by key; §8.1 with an AS-configured catalog.
@Suite("Pre-registered clients and the access catalog")
struct RegisteredClientTests {
    static func registry(id: String, key: SigningKey) throws -> ClientRegistry {
        let file: [String: Any] = [
            "clients": [
                [
                    "id": id,
                    "key": [
                        "proof": "httpsig",
                        "jwk": try JSONSerialization.jsonObject(
                            with: Data(try GNAPJSON.encode(try key.publicJWK()))),
                    ],
                    "display": ["name": "Lobby TV", "uri": "https://tv.example"],
                ]
            ]
        ]
        return try ClientRegistry.load(from: Array(try JSONSerialization.data(withJSONObject: file)))
    }

    static func harness(_ instance: TestClientInstance, id: String = "lobby-tv") async throws -> ASHarness {
        let registry = try registry(id: id, key: instance.key)
        return try await ASHarness(prepare: { store, clock in
            try await ClientRegistration.apply(registry, to: store, now: clock.now)
        })
    }

    func byReference(_ id: String) -> GrantRequest {
        GrantRequest(
            accessToken: .single(AccessTokenRequest(access: [.reference("dolphin-metadata")])),
            client: .reference(id), interact: InteractRequest(start: ["user_code"]))
    }

    @Test func aRegisteredClientByReferenceIsVetted() async throws {
        let instance = TestClientInstance()
        let harness = try await Self.harness(instance)
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let started = try await client.startGrant(byReference("lobby-tv"), key: instance.key)
            #expect(started.instanceID == "lobby-tv")
            let review = try await client.enterCode(of: started, as: alice)
            #expect(review.client.vetted)
            #expect(review.client.instanceID == "lobby-tv")
            #expect(review.client.display == ClientDisplay(name: "Lobby TV", uri: "https://tv.example"))
            // Signed by another key: the reference alone is not enough (§2.3.1).
            let stranger = TestClientInstance()
            let refused = try await client.send(.post, "/gnap", json: byReference("lobby-tv"), key: stranger.key)
            #expect(refused.status == .unauthorized && refused.error?.code == .invalidClient)
            let unknown = try await client.send(.post, "/gnap", json: byReference("no-such-tv"), key: instance.key)
            #expect(unknown.status == .unauthorized && unknown.error?.code == .invalidClient)
        }
    }

    @Test func theRegisteredDisplayTakesPrecedenceOverOneSentAtRuntime() async throws {
        let instance = TestClientInstance()
        let harness = try await Self.harness(instance)
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            // The same key by value, claiming another name: it is the registered instance (§2.3).
            var request = try instance.request()
            request.client = .value(
                ClientInstanceValue(
                    key: ClientKeyValue(proof: .httpsig, jwk: try instance.key.publicJWK()),
                    display: ClientDisplay(name: "Totally Legit Bank")))
            let started = try await client.startGrant(request, key: instance.key)
            #expect(started.instanceID == "lobby-tv")
            let review = try await client.enterCode(of: started, as: alice)
            #expect(review.client.vetted && review.client.display?.name == "Lobby TV")
            // A dynamic client stays self-asserted.
            let other = TestClientInstance()
            let dynamic = try await client.enterCode(
                of: try await client.startGrant(try other.request(), key: other.key), as: alice)
            #expect(!dynamic.client.vetted && dynamic.client.display?.name == "TV")
        }
    }

    @Test func anAccessCatalogCanRefuseUnknownReferences() async throws {
        let catalog = try AccessCatalog.load(
            from: Array(
                #"{"references": {"dolphin-metadata": "Dolphin data"}, "types": {"photo-api": "Photos"}, "refuse_unknown_references": true}"#
                    .utf8))
        let harness = try await ASHarness { $0.catalog = catalog }
        let instance = TestClientInstance()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let known = try await client.startGrant(try instance.request(), key: instance.key)
            let review = try await client.enterCode(of: known, as: alice)
            #expect(review.allRights.map(\.description) == ["Dolphin data", "Photos"])
            let unknown = try await client.send(
                .post, "/gnap", json: try instance.request(access: [.reference("dolphin-metadata"), .reference("x")]),
                key: instance.key)
            #expect(unknown.status == .badRequest && unknown.error?.code == .invalidRequest)
            #expect(unknown.error?.errorDescription == "unknown access reference 'x'")
        }
    }
}

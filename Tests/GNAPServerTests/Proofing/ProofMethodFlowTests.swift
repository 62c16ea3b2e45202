import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Each proof method of RFC 9635 §7.3 end to end on the AS: grant request → approval → continuation (tokens) →
/// token rotation (§6.1) → key rotation with the method's double proof (§6.1.1; refused for mtls, §7.3.2.1) →
/// revocation (§6.2), every call proven by the method.
@Suite("Proof methods: the whole flow per method")
struct ProofMethodFlowTests {
    @Test(arguments: ProvingClient.Method.allCases)
    func theWholeFlow(_ method: ProvingClient.Method) async throws {
        let harness = try await ASHarness.trustingClientCertificates()
        try await harness.run { client in
            var device = try ProvingClient(method)
            let created = try await device.send(
                client, .post, "/gnap", content: try GNAPJSON.encode(device.grantRequest()))
            #expect(created.status == .ok, "\(String(decoding: created.body, as: UTF8.self))")
            let response = try created.decode(GrantResponse.self)
            let continuation = try #require(response.continue)
            let instanceID = try #require(response.instanceID)
            let stored = try #require(try await harness.store.clientInstance(id: instanceID))
            #expect(stored.key.proof.method == method.rawValue)
            #expect(stored.key.format == (method == .mtls ? .cert : .jwk))

            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            try await approver.approve(client, code: response.interact?.userCode, rights: ["0.0"])
            harness.clock.advance(by: .seconds(5))
            let granted = try await device.send(
                client, .post, Self.path(continuation.uri), token: continuation.accessToken.value)
            #expect(granted.status == .ok, "\(String(decoding: granted.body, as: UTF8.self))")
            let token = try #require(granted.tokens.first)
            var manage = try #require(token.manage)

            // §6.1: a new value, proven by the token's key (a POST without content).
            let rotated = try await device.send(
                client, .post, Self.path(manage.uri), token: manage.accessToken.value)
            #expect(rotated.status == .ok, "\(String(decoding: rotated.body, as: UTF8.self))")
            let newToken = try #require(rotated.tokens.first)
            #expect(newToken.value != token.value)
            manage = try #require(newToken.manage)

            // The client instance moves to a new key, proven by both keys.
            let next = try device.withNewKey()
            let rotation = try await device.send(
                client, .post, "/gnap/instances/\(instanceID)/key",
                content: try GNAPJSON.encode(["key": try next.keyValue]), rotatingTo: next.key)
            if method == .mtls {
                #expect(rotation.status == .badRequest && rotation.error?.code == .keyRotationNotSupported)
            } else {
                #expect(rotation.status == .ok, "\(String(decoding: rotation.body, as: UTF8.self))")
                let moved = try #require(try await harness.store.clientInstance(id: instanceID))
                #expect(moved.key.thumbprint == next.key.keyID)
                // The old key no longer manages the token; the new one does.
                let old = try await device.send(client, .delete, Self.path(manage.uri), token: manage.accessToken.value)
                #expect(old.status == .unauthorized && old.error?.code == .invalidClient)
                device = next
            }

            // §6.2: revocation, proven by the (current) key; the token is gone.
            let revoked = try await device.send(client, .delete, Self.path(manage.uri), token: manage.accessToken.value)
            #expect(revoked.status == .noContent, "\(String(decoding: revoked.body, as: UTF8.self))")
            let record = try #require(try await harness.store.accessToken(hash: Secrets.hash(newToken.value)))
            #expect(record.revokedAt != nil)
        }
    }

    @Test(arguments: [ProvingClient.Method.jwsd, .jws])
    func aTokenBindsToANewKeyWithTheMethodsDoubleProof(_ method: ProvingClient.Method) async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let device = try ProvingClient(method)
            let response = try await device.send(
                client, .post, "/gnap", content: try GNAPJSON.encode(device.grantRequest())
            ).decode(GrantResponse.self)
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            try await approver.approve(client, code: response.interact?.userCode, rights: ["0.0"])
            harness.clock.advance(by: .seconds(5))
            let continuation = try #require(response.continue)
            let granted = try await device.send(
                client, .post, Self.path(continuation.uri), token: continuation.accessToken.value)
            let manage = try #require(granted.tokens.first?.manage)
            // §6.1.1: the token is bound to the new key; both keys prove the request.
            let next = try device.withNewKey()
            let rebound = try await device.send(
                client, .post, Self.path(manage.uri), content: try GNAPJSON.encode(["key": try next.keyValue]),
                token: manage.accessToken.value, rotatingTo: next.key)
            #expect(rebound.status == .ok, "\(String(decoding: rebound.body, as: UTF8.self))")
            let token = try #require(rebound.tokens.first)
            let stored = try #require(try await harness.store.accessToken(hash: Secrets.hash(token.value)))
            #expect(stored.boundKeyThumbprint == next.key.keyID)
            // Revoked by the new key.
            let newManage = try #require(token.manage)
            let revoked = try await next.send(
                client, .delete, Self.path(newManage.uri), token: newManage.accessToken.value)
            #expect(revoked.status == .noContent)
        }
    }

    @Test func aContinuationWithAnInteractionReferenceIsAJWSBodyForJWS() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let device = try ProvingClient(.jws)
            let response = try await device.send(
                client, .post, "/gnap", content: try GNAPJSON.encode(device.grantRequest())
            ).decode(GrantResponse.self)
            let continuation = try #require(response.continue)
            // §5.2 polling carries a JWS in Detached-JWS (no content), §5.3 a modification a JWS body whose
            // payload is the JSON (and `application/jose`).
            harness.clock.advance(by: .seconds(5))
            let polled = try await device.send(
                client, .post, Self.path(continuation.uri), token: continuation.accessToken.value)
            #expect(polled.status == .ok, "\(String(decoding: polled.body, as: UTF8.self))")
            let next = try #require(polled.response?.continue)
            harness.clock.advance(by: .seconds(5))
            let modified = try await device.send(
                client, .patch, Self.path(next.uri),
                content: Array(#"{"access_token": {"access": ["dolphin-metadata"]}}"#.utf8),
                token: next.accessToken.value)
            #expect(modified.status == .ok, "\(String(decoding: modified.body, as: UTF8.self))")
            #expect(modified.response?.continue != nil)
        }
    }

    /// The path of an absolute URI the harness AS handed out.
    static func path(_ uri: String) -> String { String(uri.dropFirst(ASHarness.base.count)) }
}

import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

@Suite("Discovery (RFC 9635 §9) and the assertion key set")
struct DiscoveryTests {
    @Test func optionsOnTheGrantEndpointDescribesTheAS() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            // Unsigned: discovery needs no key.
            let reply = try await client.send(.options, "/gnap")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "application/json")
            #expect(reply.headers[.cacheControl] == "no-store")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
            #expect(object["grant_request_endpoint"] as? String == "http://as.test/gnap")
            #expect(
                object["interaction_start_modes_supported"] as? [String] == [
                    "app", "redirect", "user_code", "user_code_uri",
                ])
            #expect(object["interaction_finish_methods_supported"] as? [String] == ["push", "redirect"])
            #expect(object["key_proofs_supported"] as? [String] == ["httpsig", "jwsd", "jws"])
            #expect(object["sub_id_formats_supported"] as? [String] == ["email", "iss_sub", "opaque"])
            #expect(object["assertion_formats_supported"] as? [String] == ["id_token"])
            #expect(object["key_rotation_supported"] as? Bool == true)
            #expect(object["jwks_uri"] as? String == "http://as.test/.well-known/jwks.json")
            #expect(
                object["interaction_hash_methods_supported"] as? [String] == [
                    "sha-256", "sha-256-128", "sha-256-120", "sha-256-96", "sha-256-64", "sha-256-32", "sha-384",
                    "sha-512", "sha3-256", "sha3-384", "sha3-512",
                ])
            // Each advertised method is one a grant request may name.
            for name in object["interaction_hash_methods_supported"] as? [String] ?? [] {
                #expect(throws: Never.self) { try InteractionHashMethod(name: name) }
            }
            // Every field is a §9 field or the documented jwks_uri extension.
            let known: Set<String> = [
                "grant_request_endpoint", "interaction_start_modes_supported", "interaction_finish_methods_supported",
                "key_proofs_supported", "sub_id_formats_supported", "assertion_formats_supported",
                "key_rotation_supported", "jwks_uri", "interaction_hash_methods_supported",
            ]
            #expect(Set(object.keys) == known)
        }
    }

    @Test func theDocumentFollowsTheRunningPolicy() async throws {
        let harness = try await ASHarness { configuration in
            configuration.requestPolicy.supportedStartModes = ["user_code"]
            configuration.requestPolicy.supportedFinishMethods = ["push"]
            configuration.requestPolicy.supportedSubjectFormats = ["opaque"]
            configuration.requestPolicy.supportedAssertionFormats = []
            configuration.requestPolicy.allowsTokenKeyRotation = false
        }
        try await harness.run { client in
            let document = try await client.send(.options, "/gnap").decode(GrantServerDiscovery.self)
            #expect(document.interactionStartModesSupported == ["user_code"])
            #expect(document.interactionFinishMethodsSupported == ["push"])
            #expect(document.interactionHashMethodsSupported?.first == "sha-256")
            #expect(document.subIDFormatsSupported == ["opaque"])
            #expect(document.assertionFormatsSupported == [])
            #expect(document.keyRotationSupported == false)
            // No assertions, so no key set to point to.
            #expect(document.jwksURI == nil)
            // What discovery leaves out, the grant endpoint refuses.
            let instance = TestClientInstance()
            var request = try instance.request()
            request.interact = InteractRequest(start: ["user_code_uri"])
            let refused = try await client.send(.post, "/gnap", json: request, key: instance.key)
            #expect(refused.error?.code == .invalidInteraction)
            request.interact = InteractRequest(
                start: ["user_code"],
                finish: InteractFinish(method: "redirect", uri: "https://client.example/back", nonce: "n"))
            let noRedirect = try await client.send(.post, "/gnap", json: request, key: instance.key)
            #expect(noRedirect.error?.code == .invalidRequest)
        }
    }

    @Test func theKeySetPublishesOneStablePublicKey() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let reply = try await client.send(.get, "/.well-known/jwks.json")
            #expect(reply.status == .ok && reply.headers[.cacheControl] == "no-store")
            let set = try reply.decode(JWKSet.self)
            let key = try #require(set.keys.first)
            #expect(set.keys.count == 1)
            #expect(key.kty == "EC" && key.crv == "P-256" && key.alg == "ES256" && key.use == "sig")
            #expect(!key.isPrivate)
            #expect(key.kid == (try key.thumbprint()))
            // The key is kept in the store: asking again gives the same key.
            #expect(try await client.send(.get, "/.well-known/jwks.json").decode(JWKSet.self) == set)
        }
    }
}

import Foundation
import GNAP
import GNAPServer
import Testing

/// RFC 9767 §3.1: each member of `/.well-known/gnap-as-rs` is there exactly when the AS offers what it names.
@Suite("RS-facing discovery (RFC 9767 §3.1)")
struct ResourceServerDiscoveryTests {
    @Test func theDocumentListsWhatTheASOffers() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let reply = try await client.send(.get, "/.well-known/gnap-as-rs")
            #expect(reply.status == .ok)
            let object = try #require(reply.object)
            #expect(object["grant_request_endpoint"] as? String == "http://as.test/gnap")
            #expect(object["introspection_endpoint"] as? String == "http://as.test/gnap/introspect")
            #expect(object["resource_registration_endpoint"] as? String == "http://as.test/gnap/resource")
            #expect(object["token_formats_supported"] as? [String] == ["jwt-signed"])
            #expect(object["key_proofs_supported"] as? [String] == ClientKeyBinding.supportedProofMethods)
            #expect(object["jwks_uri"] as? String == "http://as.test/.well-known/jwks.json")
            let document = try reply.decode(ResourceServerDiscovery.self)
            #expect(throws: Never.self) { try document.validate(allowHTTP: true) }
        }
    }

    @Test func membersOfFeaturesTurnedOffAreAbsentAndTheirEndpointsGone() async throws {
        let harness = try await ASHarness { configuration in
            configuration.resourceServers.offersIntrospection = false
            configuration.resourceServers.offersRegistration = false
        }
        try await harness.run { client in
            let object = try #require(try await client.send(.get, "/.well-known/gnap-as-rs").object)
            #expect(object["introspection_endpoint"] == nil)
            #expect(object["resource_registration_endpoint"] == nil)
            #expect(object["grant_request_endpoint"] as? String == "http://as.test/gnap")
            #expect(try await client.send(.post, "/gnap/introspect", content: Array("{}".utf8)).status == .notFound)
            #expect(try await client.send(.post, "/gnap/resource", content: Array("{}".utf8)).status == .notFound)
        }
    }
}

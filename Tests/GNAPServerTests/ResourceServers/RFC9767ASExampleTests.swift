import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import RFCExampleSupport
import Testing

/// Every request example of RFC 9767 sent to the AS, signed by the RS it names (`7C7C4AZ9KHRS6X63AJAO`, registered
/// for the example's types, locations and `dolphin-metadata`), and the answer the text leads to. Examples with an
/// erratum (``RFC9767Erratum``) are sent as printed, refused naming the member, and then repaired.
@Suite("RFC 9767 request examples at the AS")
struct RFC9767ASExampleTests {
    static let exampleRS = TestResourceServer(id: "7C7C4AZ9KHRS6X63AJAO")
    static let exampleClient = TestClientInstance()
    /// The rights of §3.4's examples, repaired with the `photo-api` type.
    static let exampleObject = AccessRight.object(
        AccessRightObject(
            type: "photo-api", actions: ["read", "write", "dolphin"],
            locations: ["https://server.example.net/", "https://resource.local/other"],
            datatypes: ["metadata", "images"]))

    static func harness() async throws -> ASHarness {
        try await ASHarness(prepare: { store, clock in
            try await ResourceServerRegistration.apply(
                ResourceServerRegistry(entries: [
                    exampleRS.record(
                        types: ["photo-api"],
                        locations: ["https://server.example.net/", "https://resource.local/other"],
                        references: ["dolphin-metadata"], name: "Example RS", at: clock.now)
                ]), to: store, now: clock.now)
            try await ClientRegistration.apply(
                ClientRegistry(entries: [
                    ClientRegistry.Entry(
                        id: "client-12351.bdxqf",
                        key: try ClientKeyBinding(
                            ClientKeyValue(proof: .httpsig, jwk: try exampleClient.key.publicJWK())),
                        display: ClientDisplay(name: "Example client"))
                ]), to: store, now: clock.now)
            // §3.4's answer named this reference; the AS draws its own, so the set is stored under the example's.
            try await store.insertResourceSet(
                ResourceSetRecord(
                    reference: "FWWIKYBQ6U56NL1", resourceServerID: exampleRS.id,
                    access: [exampleObject, .reference("dolphin-metadata")], tokenFormats: nil,
                    introspectionRequired: true, createdAt: clock.now),
                audit: [])
        })
    }

    /// A request example's JSON as an object, repaired when asked.
    static func object(_ id: String, repairing errata: Set<RFC9767Erratum> = []) throws -> [String: Any] {
        let json = try RFC9767Erratum.repair(RFC9767Examples.named(id).json, errata)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    static func bytes(_ object: [String: Any]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    @Test func everyRequestExampleIsCovered() {
        let covered = ["L500", "L524", "L547", "L616", "L767", "L841", "L976"]
        let requests = RFC9767ExampleCatalog.entries.filter { RFC9767Examples.named($0.id).message?.method != nil }
            .map(\.id)
        #expect(Set(requests).isSubset(of: Set(covered)))
        #expect(Set(RFC9767ExampleCatalog.ids(.grantRequestWithResourceReference)).isSubset(of: Set(covered)))
    }

    @Test func identificationExamples() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(client, access: [.reference("dolphin-metadata")])
            // §3.2's members inside an otherwise complete introspection request for a real token.
            func introspect(_ id: String) async throws -> ASHarness.Client.Reply {
                var body = try Self.object(id)
                body["access_token"] = tokens[0].value
                body["proof"] = "httpsig"
                let management = RFC9767Examples.named(id).message?.field("Authorization")
                    .flatMap { try? AccessTokenPresentation.parse($0).get().token }
                return try await client.send(
                    .post, "/gnap/introspect", content: try Self.bytes(body), key: Self.exampleRS.key, token: management
                )
            }
            // By value with a secp256k1 key: no HTTP signature algorithm exists for it.
            let byValue = try await introspect("L500")
            #expect(byValue.status == .badRequest)
            #expect(byValue.rsError?.code == .invalidResourceServer)
            // By reference; this AS issues no RS management tokens, so one presented (L547) changes nothing.
            for id in ["L524", "L547"] {
                let reply = try await introspect(id)
                #expect(reply.introspection?.token?.access == [.reference("dolphin-metadata")], "\(id)")
            }
        }
    }

    @Test func introspectionExample() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            // The example's token was never issued by this AS: active false, and nothing else.
            let body = try Self.object("L616")
            let reply = try await client.send(
                .post, "/gnap/introspect", content: try Self.bytes(body), key: Self.exampleRS.key)
            #expect(reply.status == .ok)
            #expect(reply.object?.keys.sorted() == ["active"])
            #expect(reply.introspection == .inactive)
        }
    }

    @Test func registrationExample() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let printed = try await client.send(
                .post, "/gnap/resource", content: Array(RFC9767Examples.named("L767").json.utf8),
                key: Self.exampleRS.key)
            #expect(printed.status == .badRequest)
            #expect(printed.rsError?.code == .invalidRequest)
            #expect(printed.rsError?.errorDescription?.contains("type") == true)
            let repaired = try await client.send(
                .post, "/gnap/resource",
                content: try Self.bytes(try Self.object("L767", repairing: [.accessRightWithoutType])),
                key: Self.exampleRS.key)
            #expect(repaired.status == .ok)
            let answer = try repaired.decode(ResourceSetRegistrationResponse.self)
            #expect(answer.instanceID == Self.exampleRS.id)
        }
    }

    @Test func grantRequestWithAResourceReference() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            // As printed it offers no interaction, which this AS needs to ask a person.
            let printed = try await client.send(
                .post, "/gnap", content: Array(RFC9767Examples.named("L841").json.utf8), key: Self.exampleClient.key)
            #expect(printed.error?.code == .invalidInteraction)
            var body = try Self.object("L841")
            body["interact"] = ["start": ["user_code"]]
            let started = try await client.send(
                .post, "/gnap", content: try Self.bytes(body), key: Self.exampleClient.key)
            #expect(started.status == .ok)
            let approver = try await TestApprover.enroll(client, code: try await harness.adminEnrollmentCode())
            let review = try await client.send(
                .post, "/interact/v1/code",
                json: CodeEntryRequest(userCode: try #require(started.response?.interact?.userCode)),
                key: approver.key, profile: .approverAPI
            ).decode(InteractionReview.self)
            // FWWIKYBQ6U56NL1 stands for the example object and dolphin-metadata; the request repeats both.
            #expect(review.allRights.map(\.right) == [Self.exampleObject, .reference("dolphin-metadata")])
            #expect(
                review.allRights.allSatisfy { $0.description?.contains("Example RS (vetted resource server)") == true })
        }
    }

    @Test func chainingExample() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let printed = try await client.send(
                .post, "/gnap", content: Array(RFC9767Examples.named("L976").json.utf8), key: Self.exampleRS.key)
            #expect(printed.status == .badRequest)
            #expect(printed.error?.errorDescription?.contains("type") == true)
            // Repaired, with the example's token, which this AS never issued.
            var body = try Self.object("L976", repairing: [.accessRightWithoutType])
            let unknown = try await client.send(.post, "/gnap", content: try Self.bytes(body), key: Self.exampleRS.key)
            #expect(unknown.status == .forbidden)
            #expect(unknown.error?.code == .requestDenied)
            // With a token the AS issued for exactly those rights, the RS gets its derived token.
            let (_, tokens) = try await harness.approvedGrant(
                client, access: [Self.exampleObject, .reference("dolphin-metadata")])
            body["existing_access_token"] = tokens[0].value
            let derived = try await client.send(.post, "/gnap", content: try Self.bytes(body), key: Self.exampleRS.key)
            #expect(derived.status == .ok)
            #expect(derived.tokens.first?.access == [Self.exampleObject, .reference("dolphin-metadata")])
        }
    }
}

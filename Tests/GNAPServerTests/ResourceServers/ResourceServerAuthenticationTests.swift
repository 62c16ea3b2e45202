import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// RFC 9767 §3.2 and §3.5: who may call the RS-facing API, and what everyone else gets: a 400 with
/// `invalid_resource_server` or `invalid_request`, nothing disclosed and nothing stored.
@Suite("Resource server authentication and bad input (RFC 9767 §3.2, §3.5)")
struct ResourceServerAuthenticationTests {
    static let notes = TestResourceServer(id: "notes-rs")

    static func harness(dynamic: Bool = false) async throws -> ASHarness {
        try await ASHarness(
            servers: { now in [notes.record(types: ["notes"], at: now)] },
            configure: { $0.resourceServers.allowsDynamicResourceServers = dynamic })
    }

    @Test func malformedBodiesAreInvalidRequestAndWriteNothing() async throws {
        let harness = try await Self.harness(dynamic: true)
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let before = try await harness.rowCounts()
            let bodies = [
                "{}", "[]", "not json", #"{"access_token":"x"}"#,
                #"{"access_token":"","resource_server":"notes-rs"}"#,
                #"{"access_token":"a b","resource_server":"notes-rs"}"#,
                #"{"access_token":"x","resource_server":"notes-rs","proof":"carrier-pigeon"}"#,
                #"{"access_token":"x","resource_server":"notes-rs","access":[]}"#,
                #"{"access_token":"x","resource_server":"notes-rs","access":[{"actions":["read"]}]}"#,
                #"{"access_token":"x","resource_server":{"key":"by-reference"}}"#,
                #"{"access_token":"x","resource_server":""}"#,
                #"{"access_token":"\#(tokens[0].value)","resource_server":{"key":{"proof":"httpsig","jwk":{"kty":"EC","crv":"secp256k1","x":"-J9OJIZj4nmopZbQN7T8xv3sbeS5-f_vBNSy_EHnBZc","y":"sjrS51pLtu3P4LUTVvyAIxRfDV_be2RYpI5_f-Yjivw"}}}}"#,
            ]
            for body in bodies {
                let reply = try await client.send(
                    .post, "/gnap/introspect", content: Array(body.utf8), key: Self.notes.key)
                #expect(reply.status == .badRequest, "\(body)")
                let code = try #require(reply.rsError?.code, "\(body)")
                #expect(code == .invalidRequest || code == .invalidResourceServer, "\(body)")
                #expect(!String(decoding: reply.body, as: UTF8.self).contains("\"active\""))
            }
            let registrations = [
                "{}", #"{"access":[],"resource_server":"notes-rs"}"#, #"{"access":["x"]}"#,
                #"{"access":[{"type":"notes"}],"resource_server":"notes-rs","token_formats_supported":[]}"#,
                #"{"access":[{"type":"notes"}],"resource_server":"notes-rs","token_formats_supported":["pgp"]}"#,
                #"{"access":[""],"resource_server":"notes-rs"}"#,
            ]
            for body in registrations {
                let reply = try await client.send(
                    .post, "/gnap/resource", content: Array(body.utf8), key: Self.notes.key)
                #expect(reply.status == .badRequest, "\(body)")
                #expect(reply.rsError?.code == .invalidRequest, "\(body)")
            }
            #expect(try await harness.rowCounts() == before)
        }
    }

    @Test func unknownKeysUnknownReferencesAndBadSignaturesAreInvalidResourceServer() async throws {
        let harness = try await Self.harness()
        let stranger = TestResourceServer(id: "stranger")
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let value = tokens[0].value
            let before = try await harness.rowCounts()
            // A key the AS does not know, when it trusts only pre-registered RSes.
            let unknownKey = try await client.introspect(value, as: stranger, byValue: true)
            #expect(unknownKey.status == .badRequest)
            #expect(unknownKey.rsError?.code == .invalidResourceServer)
            // An identifier the AS never gave.
            let unknownID = try await client.introspect(value, as: stranger)
            #expect(unknownID.rsError?.code == .invalidResourceServer)
            // The registered RS named, but signed by another key.
            let request = TokenIntrospectionRequest(
                accessToken: value, proof: "httpsig", resourceServer: Self.notes.byReference)
            let forged = try await client.send(.post, "/gnap/introspect", json: request, key: stranger.key)
            #expect(forged.status == .badRequest)
            #expect(forged.rsError?.code == .invalidResourceServer)
            // Unsigned.
            let unsigned = try await client.send(.post, "/gnap/introspect", content: try GNAPJSON.encode(request))
            #expect(unsigned.rsError?.code == .invalidResourceServer)
            // Signed, then the content changed (the token asked about): the digest no longer matches.
            let tampered = try await client.send(
                .post, "/gnap/introspect", content: try GNAPJSON.encode(request), key: Self.notes.key
            ) { _, content in
                let token = content.firstRange(of: Array(value.utf8))!
                content[token.lowerBound] =
                    content[token.lowerBound] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            }
            #expect(tampered.rsError?.code == .invalidResourceServer)
            for reply in [unknownKey, unknownID, forged, unsigned, tampered] {
                #expect(reply.introspection == nil)
            }
            #expect(try await harness.rowCounts() == before)
        }
    }

    @Test func aReplayedSignedCallIsRefused() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let request = TokenIntrospectionRequest(
                accessToken: tokens[0].value, proof: "httpsig", resourceServer: Self.notes.byReference)
            var captured: (head: [(String, String)], body: [UInt8])?
            let first = try await client.send(
                .post, "/gnap/introspect", content: try GNAPJSON.encode(request), key: Self.notes.key
            ) { head, body in captured = (head.headerFields.map { ($0.name.rawName, $0.value) }, body) }
            #expect(first.introspection?.token != nil)
            let audited = try await harness.rowCounts()[.auditEvents]
            // The same bytes again, signature and nonce included.
            let (head, body) = try #require(captured)
            let replay = try await client.sendVerbatim(.post, "/gnap/introspect", fields: head, body: body)
            #expect(replay.status == .badRequest)
            #expect(replay.rsError?.code == .invalidResourceServer)
            #expect(replay.introspection == nil)
            #expect(try await harness.rowCounts()[.auditEvents] == audited)
        }
    }

    @Test func trustOnFirstUseStoresTheResourceServerOnlyAfterItsSignature() async throws {
        let harness = try await Self.harness(dynamic: true)
        let newcomer = TestResourceServer(id: "ignored")
        try await harness.run { client in
            let before = try await harness.rowCounts()
            // Badly signed: nothing is stored.
            let request = ResourceSetRegistrationRequest(
                access: [.object(AccessRightObject(type: "weather", actions: ["read"]))],
                resourceServer: newcomer.byValue)
            let forged = try await client.send(.post, "/gnap/resource", json: request, key: Self.notes.key)
            #expect(forged.rsError?.code == .invalidResourceServer)
            #expect(try await harness.rowCounts() == before)
            // Well signed: the RS is trusted, gets an identifier, and later calls by that identifier work.
            let registered = try await client.registerSet(
                [.object(AccessRightObject(type: "weather", actions: ["read"]))], as: newcomer, byValue: true)
            let answer = try registered.decode(ResourceSetRegistrationResponse.self)
            let id = try #require(answer.instanceID)
            let stored = try #require(try await harness.store.resourceServer(id: id))
            #expect(stored.registered == false)
            #expect(stored.key.thumbprint == newcomer.binding.thumbprint)
            let kinds = try await harness.store.auditEntries(AuditQuery(limit: .max)).map(\.event.kind)
            #expect(kinds.contains(.resourceServerTrusted))
            #expect(kinds.contains(.resourceSetRegistered))
        }
    }
}

import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// RFC 9767 §4: an RS derives a token for a downstream RS from one it received; never broader, tied to the grant.
@Suite("Token chaining (RFC 9767 §4)")
struct TokenChainingTests {
    static let notes = TestResourceServer(id: "notes-rs")
    static let photos = TestResourceServer(id: "photos-rs")

    static func harness(configure: @escaping (inout ServerConfiguration) -> Void = { _ in }) async throws -> ASHarness {
        try await ASHarness(
            servers: { now in
                [
                    notes.record(types: ["notes"], name: "Notes", at: now),
                    photos.record(types: ["photo-api"], name: "Photos", at: now),
                ]
            }, configure: configure)
    }

    static func chaining(
        _ presented: String, access: [AccessRight], as server: TestResourceServer, byReference: Bool = true
    ) -> GrantRequest {
        GrantRequest(
            accessToken: .single(AccessTokenRequest(access: access)),
            client: byReference ? .reference(server.id) : .value(ClientInstanceValue(key: server.keyValue)),
            existingAccessToken: presented)
    }

    @Test func anRSDerivesANarrowerTokenBoundToItsOwnKey() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (grant, tokens) = try await harness.approvedGrant(
                client, access: [TestRights.notesRead, TestRights.photos])
            // The notes RS, given the client's token, asks for a token to call the photos RS.
            let reply = try await client.send(
                .post, "/gnap", json: Self.chaining(tokens[0].value, access: [TestRights.photos], as: Self.notes),
                key: Self.notes.key)
            #expect(reply.status == .ok, "\(String(describing: reply.error))")
            let derived = try #require(reply.tokens.first)
            #expect(derived.access == [TestRights.photos])
            #expect(derived.manage == nil)
            #expect(reply.response?.continue == nil)
            // The photos RS sees a token bound to the notes RS's key, of the same grant.
            let view = try #require(try await client.introspect(derived.value, as: Self.photos).introspection?.token)
            #expect(view.key == .value(Self.notes.keyValue))
            let record = try #require(try await harness.store.accessToken(hash: Secrets.hash(derived.value)))
            #expect(record.grantID == grant.grantID)
            #expect(record.parentTokenID != nil)
            let audit = try await harness.store.auditEvents(grantID: grant.grantID).filter { $0.kind == .tokenDerived }
            #expect(audit.count == 1)
            #expect(audit.first?.actor == "rs:notes-rs")
            // By value works too.
            let byValue = try await client.send(
                .post, "/gnap",
                json: Self.chaining(tokens[0].value, access: [TestRights.photos], as: Self.notes, byReference: false),
                key: Self.notes.key)
            #expect(byValue.status == .ok)
        }
    }

    @Test func neverBroaderAndOnlyFromTheRSItWasPresentedTo() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let before = try await harness.rowCountsBesideNonces()
            // Broader: a right the presented token lacks.
            let broader = try await client.send(
                .post, "/gnap",
                json: Self.chaining(tokens[0].value, access: [TestRights.notesWrite], as: Self.notes),
                key: Self.notes.key)
            #expect(broader.status == .forbidden)
            #expect(broader.error?.code == .requestDenied)
            // The photos RS was never given this token: the same refusal as an unknown token.
            let foreign = try await client.send(
                .post, "/gnap",
                json: Self.chaining(tokens[0].value, access: [TestRights.notesRead], as: Self.photos),
                key: Self.photos.key)
            let unknown = try await client.send(
                .post, "/gnap", json: Self.chaining("no-such-token", access: [TestRights.notesRead], as: Self.photos),
                key: Self.photos.key)
            #expect(foreign.status == .forbidden)
            #expect(foreign.error == unknown.error)
            // An RS the AS does not know, or a request not signed by the RS.
            let stranger = TestResourceServer(id: "stranger")
            let unknownRS = try await client.send(
                .post, "/gnap",
                json: Self.chaining(tokens[0].value, access: [TestRights.notesRead], as: stranger, byReference: false),
                key: stranger.key)
            #expect(unknownRS.error?.code == .invalidClient)
            let forged = try await client.send(
                .post, "/gnap", json: Self.chaining(tokens[0].value, access: [TestRights.notesRead], as: Self.notes),
                key: stranger.key)
            #expect(forged.error?.code == .invalidClient)
            // The shape of §4: no interaction, no flags.
            var interacting = Self.chaining(tokens[0].value, access: [TestRights.notesRead], as: Self.notes)
            interacting.interact = InteractRequest(start: ["user_code"])
            let withInteract = try await client.send(.post, "/gnap", json: interacting, key: Self.notes.key)
            #expect(withInteract.error?.code == .invalidInteraction)
            #expect(try await harness.rowCountsBesideNonces() == before)
        }
    }

    @Test func revokingTheGrantOrThePresentedTokenEndsTheDerivedOne() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            func derive(from value: String) async throws -> String {
                let reply = try await client.send(
                    .post, "/gnap", json: Self.chaining(value, access: [TestRights.photos], as: Self.notes),
                    key: Self.notes.key)
                return try #require(reply.tokens.first?.value)
            }
            func isActive(_ value: String) async throws -> Bool {
                try await client.introspect(value, as: Self.photos).introspection?.token != nil
            }
            // The grant cancelled: both tokens stop.
            let (grant, tokens) = try await harness.approvedGrant(
                client, access: [TestRights.notesRead, TestRights.photos])
            let derived = try await derive(from: tokens[0].value)
            #expect(try await isActive(derived))
            #expect(try await grant.cancel(client).status == .noContent)
            #expect(try await isActive(tokens[0].value) == false)
            #expect(try await isActive(derived) == false)
            // The presented token revoked by the client: the derived one stops with it.
            let (other, otherTokens) = try await harness.approvedGrant(
                client, access: [TestRights.notesRead, TestRights.photos])
            let derivedAgain = try await derive(from: otherTokens[0].value)
            let manage = try #require(otherTokens[0].manage)
            _ = try await client.send(
                .delete, String(manage.uri.dropFirst(ASHarness.base.count)), key: other.instance.key,
                token: manage.accessToken.value)
            #expect(try await isActive(derivedAgain) == false)
            // And a revoked token cannot be presented again.
            let refused = try await client.send(
                .post, "/gnap", json: Self.chaining(otherTokens[0].value, access: [TestRights.photos], as: Self.notes),
                key: Self.notes.key)
            #expect(refused.error?.code == .requestDenied)
        }
    }

    @Test func theDerivedTokenNeverOutlivesThePresentedOne() async throws {
        let harness = try await Self.harness { $0.resourceServers.derivedTokenLifetime = .seconds(7200) }
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(
                client, access: [TestRights.notesRead, TestRights.photos])
            harness.clock.advance(by: .seconds(600))
            let reply = try await client.send(
                .post, "/gnap", json: Self.chaining(tokens[0].value, access: [TestRights.photos], as: Self.notes),
                key: Self.notes.key)
            #expect(reply.tokens.first?.expiresIn == 3000)
        }
    }

    @Test func chainingCanBeTurnedOff() async throws {
        let harness = try await Self.harness { $0.resourceServers.allowsTokenChaining = false }
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let reply = try await client.send(
                .post, "/gnap", json: Self.chaining(tokens[0].value, access: [TestRights.notesRead], as: Self.notes),
                key: Self.notes.key)
            #expect(reply.status == .badRequest)
            #expect(reply.error?.code == .invalidRequest)
        }
    }
}

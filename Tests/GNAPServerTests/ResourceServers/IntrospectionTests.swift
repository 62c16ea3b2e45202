import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// RFC 9767 §3.3: what introspection tells an RS, and what it keeps from it.
@Suite("Token introspection (RFC 9767 §3.3)")
struct IntrospectionTests {
    static let notes = TestResourceServer(id: "notes-rs")
    static let photos = TestResourceServer(id: "photos-rs")
    static let calendar = TestResourceServer(id: "calendar-rs")

    static func harness(configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> ASHarness {
        try await ASHarness(
            servers: { now in
                [
                    notes.record(types: ["notes"], locations: ["https://notes.test"], name: "Notes", at: now),
                    photos.record(types: ["photo-api"], name: "Photos", at: now),
                    calendar.record(types: ["calendar"], name: "Calendar", at: now),
                ]
            }, configure: configure)
    }

    @Test func eachResourceServerSeesOnlyTheRightsItServes() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (grant, tokens) = try await harness.approvedGrant(
                client, access: [TestRights.notesRead, TestRights.photos], subjectFormats: ["opaque"])
            let token = try #require(tokens.first)
            let notesView = try #require(try await client.introspect(token.value, as: Self.notes).introspection?.token)
            #expect(notesView.access == [TestRights.notesRead])
            let photosView = try #require(
                try await client.introspect(token.value, as: Self.photos, byValue: true).introspection?.token)
            #expect(photosView.access == [TestRights.photos])
            // An RS none of whose rights the token carries learns nothing, not even that the token exists.
            let other = try await client.introspect(token.value, as: Self.calendar)
            #expect(other.status == .ok)
            #expect(other.object?.keys.sorted() == ["active"])
            #expect(other.object?["active"] as? Bool == false)

            // The other members of §3.3.
            #expect(notesView.iss == "http://as.test/gnap")
            #expect(notesView.key == .value(ClientKeyValue(proof: .httpsig, jwk: try grant.instance.key.publicJWK())))
            #expect(notesView.exp == harness.clock.now.unixSeconds + 3600)
            #expect(notesView.iat == harness.clock.now.unixSeconds)
            #expect(notesView.instanceID != nil)
            #expect(notesView.flags == ["durable"])
            #expect(notesView.jti != nil)
            #expect(notesView.format == nil)
            // The audience is the RS the disclosed rights are at, not the other RSes of the token (§5.11).
            #expect(notesView.aud == .multiple(["https://notes.test"]))
            #expect(photosView.aud == .multiple(["https://photos.test"]))
            // The approver released the subject, so the RS learns whose token it is.
            let admin = try #require(try await harness.store.account(username: "admin"))
            #expect(notesView.sub == admin.opaqueSubject)
        }
    }

    @Test func withoutAReleasedSubjectThereIsNoSub() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let view = try #require(try await client.introspect(tokens[0].value, as: Self.notes).introspection?.token)
            #expect(view.sub == nil)
        }
    }

    @Test func revokedRotatedExpiredAndCancelledTokensAreInactiveAtOnce() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            func isActive(_ value: String) async throws -> Bool {
                try await client.introspect(value, as: Self.notes).introspection?.token != nil
            }
            // Revoked by the client (RFC 9635 §6.2).
            let (revokedGrant, revoked) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            #expect(try await isActive(revoked[0].value))
            let manage = try #require(revoked[0].manage)
            let revocation = try await client.send(
                .delete, String(manage.uri.dropFirst(ASHarness.base.count)), key: revokedGrant.instance.key,
                token: manage.accessToken.value)
            #expect(revocation.status == .noContent)
            #expect(try await isActive(revoked[0].value) == false)

            // Rotated (§6.1): the old value stops working, the new one works.
            let (rotatedGrant, rotated) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let rotateManage = try #require(rotated[0].manage)
            let rotation = try await client.send(
                .post, String(rotateManage.uri.dropFirst(ASHarness.base.count)), key: rotatedGrant.instance.key,
                token: rotateManage.accessToken.value)
            let newValue = try #require(rotation.tokens.first?.value)
            #expect(try await isActive(rotated[0].value) == false)
            #expect(try await isActive(newValue))

            // The grant cancelled (§5.4).
            let (cancelledGrant, cancelled) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            #expect(try await cancelledGrant.cancel(client).status == .noContent)
            #expect(try await isActive(cancelled[0].value) == false)

            // Expired: one second past its lifetime.
            let (_, expiring) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            harness.clock.advance(by: .seconds(3599))
            #expect(try await isActive(expiring[0].value))
            harness.clock.advance(by: .seconds(1))
            #expect(try await isActive(expiring[0].value) == false)
        }
    }

    @Test func asSpecificTokensAreNeverActive() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (grant, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            // §2.1.14: continuation and management tokens are not access tokens for RSes.
            #expect(try await client.introspect(grant.token, as: Self.notes).introspection == .inactive)
            let management = try #require(tokens[0].manage?.accessToken.value)
            #expect(try await client.introspect(management, as: Self.notes).introspection == .inactive)
        }
    }

    @Test func theProofMethodAndTheAccessAskedAboutMustFit() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let value = tokens[0].value
            // "is bound using the `proof` method indicated".
            #expect(try await client.introspect(value, as: Self.notes, proof: "mtls").introspection == .inactive)
            #expect(try await client.introspect(value, as: Self.notes, proof: nil).introspection?.token != nil)
            // "is appropriate for the `access` indicated (if present)".
            let covered = try await client.introspect(value, as: Self.notes, access: [TestRights.notesRead])
            #expect(covered.introspection?.token != nil)
            let uncovered = try await client.introspect(value, as: Self.notes, access: [TestRights.notesWrite])
            #expect(uncovered.introspection == .inactive)
            // §3.5 `invalid_access`: asking about access it does not serve is refused, 400.
            let foreign = try await client.introspect(value, as: Self.notes, access: [TestRights.photos])
            #expect(foreign.status == .badRequest)
            #expect(foreign.rsError?.code == .invalidAccess)
        }
    }

    @Test func everyCallIsAuditedAsTheResourceServer() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (grant, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            _ = try await client.introspect(tokens[0].value, as: Self.notes)
            _ = try await client.introspect("unknown-token", as: Self.calendar)
            let entries = try await harness.store.auditEntries(AuditQuery(limit: .max))
                .filter { $0.event.kind == .tokenIntrospected }
            #expect(entries.count == 2)
            #expect(entries[0].event.actor == "rs:notes-rs")
            #expect(entries[0].event.grantID == grant.grantID)
            #expect(entries[0].event.detail.contains("active"))
            #expect(entries[1].event.actor == "rs:calendar-rs")
            #expect(entries[1].event.detail.contains("inactive (unknown token)"))
        }
    }

    @Test func theAnswerIsNeverCachedAndNeverCarriesTheValue() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (_, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let reply = try await client.introspect(tokens[0].value, as: Self.notes)
            #expect(reply.headers[.cacheControl] == "no-store")
            #expect(!String(decoding: reply.body, as: UTF8.self).contains(tokens[0].value))
        }
    }
}

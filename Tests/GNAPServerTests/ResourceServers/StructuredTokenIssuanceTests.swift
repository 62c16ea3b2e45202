import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// RFC 9767 §2.1, §2.2: `jwt-signed` tokens carry the token model, signed by the key the AS publishes.
@Suite("jwt-signed tokens from the AS (RFC 9767 §2.2)")
struct StructuredTokenIssuanceTests {
    static let notes = TestResourceServer(id: "notes-rs")

    static func harness() async throws -> ASHarness {
        try await ASHarness(
            servers: { now in [notes.record(types: ["notes"], at: now)] },
            configure: { $0.resourceServers.tokenFormat = TokenFormat.jwtSigned })
    }

    @Test func theTokenCarriesTheModelAndVerifiesWithThePublishedKeySet() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (grant, tokens) = try await harness.approvedGrant(
                client, access: [TestRights.notesRead, TestRights.photos], subjectFormats: ["opaque"])
            let value = tokens[0].value
            let keys = try await client.send(.get, "/.well-known/jwks.json").decode(JWKSet.self).keys
            let claims = try StructuredAccessToken.verify(
                value, keys: keys,
                expecting: .init(issuer: "http://as.test/gnap", audiences: ["https://notes.test"]),
                now: harness.clock.now.unixSeconds)
            #expect(claims.access == [TestRights.notesRead, TestRights.photos])
            #expect(claims.aud == .multiple(["https://notes.test", "https://photos.test"]))
            let clientKey = try grant.instance.key.publicJWK()
            #expect(claims.cnf?.jwk == clientKey)
            #expect(claims.cnf?.jkt == (try clientKey.thumbprint()))
            #expect(claims.cnf?.proof == .httpsig)
            #expect(claims.iat == harness.clock.now.unixSeconds)
            #expect(claims.exp == harness.clock.now.unixSeconds + 3600)
            #expect(claims.grant == grant.grantID)
            #expect(claims.clientID != nil)
            #expect(claims.flags == ["durable"])
            let admin = try #require(try await harness.store.account(username: "admin"))
            #expect(claims.sub == admin.opaqueSubject)
            let jws = try CompactJWS(parsing: value)
            #expect(jws.header.typ == "gnap-at+jwt")
            #expect(jws.header.alg == "ES256")
            // The AS still knows the token: introspection agrees, and says its format.
            let view = try #require(try await client.introspect(value, as: Self.notes).introspection?.token)
            #expect(view.jti == claims.jti)
            #expect(view.format == "jwt-signed")
        }
    }

    @Test func rotationMintsANewSignedValueAndTheOldOneIsInactive() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let (grant, tokens) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            let manage = try #require(tokens[0].manage)
            harness.clock.advance(by: .seconds(60))
            let rotated = try await client.send(
                .post, String(manage.uri.dropFirst(ASHarness.base.count)), key: grant.instance.key,
                token: manage.accessToken.value)
            let newValue = try #require(rotated.tokens.first?.value)
            #expect(newValue != tokens[0].value)
            let keys = try await client.send(.get, "/.well-known/jwks.json").decode(JWKSet.self).keys
            let claims = try StructuredAccessToken.verify(
                newValue, keys: keys, expecting: .init(issuer: "http://as.test/gnap"),
                now: harness.clock.now.unixSeconds)
            #expect(claims.exp == harness.clock.now.unixSeconds + 3600)
            // The old value still carries a valid signature, so only introspection can tell it was rotated away.
            #expect(try await client.introspect(tokens[0].value, as: Self.notes).introspection == .inactive)
            #expect(try await client.introspect(newValue, as: Self.notes).introspection?.token != nil)
        }
    }
}

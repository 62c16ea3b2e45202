import Foundation
import GNAP
import GNAPResourceServer
import HTTPMessageSignatures
import Synchronization
import Testing

/// RFC 9767 §2.2, §5.2: the gate checks `jwt-signed` tokens with the AS's keys, refuses bad ones without asking
/// the AS, and (unless told not to) still introspects to learn of revocation.
@Suite("Offline checks of jwt-signed tokens at the RS")
struct StructuredTokenGateTests {
    static let asKey = try! AssertionSigningKey(stored: AssertionSigningKey.generate())

    /// Counts how often the gate asks for the keys, and whether it asked for a fresh copy.
    final class CountingKeys: VerificationKeySource {
        let jwks: Mutex<[JWK]>
        let refreshes = Mutex(0)
        init(_ jwks: [JWK]) { self.jwks = Mutex(jwks) }
        func keys(refresh: Bool) async throws(IntrospectionFailure) -> [JWK] {
            if refresh { refreshes.withLock { $0 += 1 } }
            return jwks.withLock { $0 }
        }
    }

    static func token(
        for client: SigningKey, clock: ManualClock, aud: [String] = [RSHarness.publicURL], lifetime: Int64 = 3600,
        key: AssertionSigningKey = asKey,
        access: [AccessRight] = [.object(AccessRightObject(type: "notes", actions: ["read"]))]
    ) throws -> String {
        let jwk = try client.publicJWK()
        return try StructuredAccessToken.sign(
            AccessTokenClaims(
                iss: RSHarness.asURI, aud: .multiple(aud),
                cnf: TokenConfirmation(jkt: try jwk.thumbprint(), jwk: jwk, proof: .httpsig), access: access,
                iat: clock.now.unixSeconds + min(0, lifetime - 60), exp: clock.now.unixSeconds + lifetime,
                jti: Secrets.identifier(),
                sub: "alice", clientID: "device-1"),
            key: key.key)
    }

    @Test func aValidTokenIsAcceptedOfflineAndTheClientsProofStillChecked() async throws {
        let harness = try RSHarness(structuredKeys: FixedVerificationKeys(Self.asKey.jwkSet.keys)) {
            $0.introspectsStructuredTokens = false
            $0.acceptedAudiences = [RSHarness.publicURL]
        }
        let client = SigningKey.clientKey()
        let token = try Self.token(for: client, clock: harness.clock)
        try await harness.run { rs in
            let reply = try await rs.send(authorization: .gnap(token), key: client)
            #expect(reply.status == .ok)
            #expect(reply.body == "read by alice with \(try client.publicJWK().thumbprint())")
            // Another key cannot use it: the binding comes from the token itself.
            #expect(try await rs.status(token, SigningKey.clientKey()) == .unauthorized)
            // Its rights are enforced like introspected ones.
            let write = try await rs.send(.post, content: Array("{}".utf8), authorization: .gnap(token), key: client)
            #expect(write.status == .forbidden)
        }
        #expect(harness.introspector.calls == 0)
    }

    @Test func revocationIsLearnedByIntrospectingToo() async throws {
        let harness = try RSHarness(structuredKeys: FixedVerificationKeys(Self.asKey.jwkSet.keys)) {
            $0.revalidationInterval = .seconds(10)
        }
        let client = SigningKey.clientKey()
        let token = try Self.token(for: client, clock: harness.clock)
        harness.introspector.activate(token, try harness.boundToken(client))
        try await harness.run { rs in
            #expect(try await rs.status(token, client) == .ok)
            #expect(harness.introspector.calls == 1)
            harness.introspector.revoke(token)
            #expect(try await rs.status(token, client) == .ok)
            harness.clock.advance(by: .seconds(11))
            let refused = try await rs.send(authorization: .gnap(token), key: client)
            #expect(refused.status == .unauthorized)
            #expect(refused.error?.code == .invalidToken)
        }
    }

    @Test func badTokensAreRefusedWithoutAskingTheAS() async throws {
        let keys = CountingKeys(Self.asKey.jwkSet.keys)
        let harness = try RSHarness(structuredKeys: keys) { $0.acceptedAudiences = [RSHarness.publicURL] }
        let client = SigningKey.clientKey()
        let clock = harness.clock
        let kid = try #require(Self.asKey.publicJWK.kid)
        let claims = try GNAPJSON.encode(
            AccessTokenClaims(
                iss: RSHarness.asURI, aud: .single(RSHarness.publicURL),
                cnf: TokenConfirmation(jwk: try client.publicJWK(), proof: .httpsig),
                access: [.object(AccessRightObject(type: "notes", actions: ["read"]))], iat: clock.now.unixSeconds,
                exp: clock.now.unixSeconds + 60, jti: "x"))
        let none =
            Base64URL.encode(Array(#"{"alg":"none","typ":"gnap-at+jwt","kid":"\#(kid)"}"#.utf8)) + "."
            + Base64URL.encode(claims) + "."
        let stranger = try AssertionSigningKey(stored: AssertionSigningKey.generate())
        let cases: [(String, String)] = [
            (none, "'none'"),
            (try Self.token(for: client, clock: clock, key: stranger), "is not a key of the authorization server"),
            (try Self.token(for: client, clock: clock, aud: ["https://other.example"]), "another resource server"),
            (try Self.token(for: client, clock: clock, lifetime: -600), "expired"),
        ]
        try await harness.run { rs in
            for (token, reason) in cases {
                let reply = try await rs.send(authorization: .gnap(token), key: client)
                #expect(reply.status == .unauthorized, "\(reason)")
                #expect(reply.error?.code == .invalidToken)
                #expect(reply.error?.errorDescription?.contains(reason) == true, "\(reply.body) should say \(reason)")
                #expect(reply.challenge?.asURI == RSHarness.asURI)
            }
        }
        #expect(harness.introspector.calls == 0)
        // Only the unknown kid was worth asking for a fresh copy of the key set.
        #expect(keys.refreshes.withLock { $0 } == 1)
    }

    @Test func aRotatedASKeyIsFoundByRefreshing() async throws {
        let keys = CountingKeys([])
        let harness = try RSHarness(structuredKeys: keys) { $0.introspectsStructuredTokens = false }
        let client = SigningKey.clientKey()
        let token = try Self.token(for: client, clock: harness.clock)
        try await harness.run { rs in
            let before = try await rs.status(token, client)
            #expect(before == .unauthorized)
            keys.jwks.withLock { $0 = Self.asKey.jwkSet.keys }
            let after = try await rs.status(token, client)
            #expect(after == .ok)
        }
    }

    @Test func opaqueTokensStillGoToIntrospection() async throws {
        let harness = try RSHarness(structuredKeys: FixedVerificationKeys(Self.asKey.jwkSet.keys))
        let client = SigningKey.clientKey()
        harness.introspector.activate("opaque-token", try harness.boundToken(client))
        try await harness.run { rs in
            let status = try await rs.status("opaque-token", client)
            #expect(status == .ok)
        }
        #expect(harness.introspector.calls == 1)
    }
}

import GNAP
import GNAPResourceServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// The middleware end to end in process: token, key proof, rights, and the answers a client gets (RFC 9635 §7.2,
/// §7.3.1, §9.1; RFC 9767 §3.3).
@Suite struct AccessMiddlewareTests {
    @Test func validTokenAndSignatureReachTheHandler() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        try await harness.run { client in
            let reply = try await client.send(authorization: .gnap("T0K3N"), key: key)
            #expect(reply.status == .ok)
            #expect(reply.body == "read by alice with \(try key.publicJWK().thumbprint())")
        }
        // §3.3: the RS says how the client proved the token.
        #expect(harness.introspector.queries == [IntrospectionQuery(accessToken: "T0K3N", proof: "httpsig")])
    }

    @Test func missingTokenGetsTheChallenge() async throws {
        let harness = try RSHarness()
        try await harness.run { client in
            let reply = try await client.send()
            #expect(reply.status == .unauthorized)
            #expect(reply.error?.code == .invalidToken)
            #expect(
                reply.headers[.wwwAuthenticate]
                    == #"GNAP as_uri="https://as.example/gnap", access="notes-ref", referrer="https://rs.example""#)
            #expect(reply.headers[.cacheControl] == "no-store")
            // A route without its own reference offers the configured one, here none.
            let write = try await client.send(.post, content: Array("{}".utf8))
            #expect(write.challenge == GNAPChallenge(asURI: RSHarness.asURI, referrer: RSHarness.publicURL))
            // Unprotected routes stay open.
            #expect(try await client.send(.get, "/public").status == .ok)
        }
        #expect(harness.introspector.calls == 0)
    }

    @Test func otherSchemesAreRefusedWithTheChallenge() async throws {
        let harness = try RSHarness()
        try await harness.run { client in
            let basic = try await client.send { request, _ in request.headerFields[.authorization] = "Basic dTpw" }
            #expect(basic.status == .unauthorized && basic.error?.code == .invalidToken)
            #expect(basic.error?.errorDescription?.contains("'Basic' is not GNAP") == true)
            #expect(basic.challenge?.asURI == RSHarness.asURI)
            let twice = try await client.send { request, _ in
                request.headerFields.append(HTTPField(name: .authorization, value: "GNAP a"))
                request.headerFields.append(HTTPField(name: .authorization, value: "GNAP b"))
            }
            #expect(twice.status == .badRequest && twice.error?.code == .invalidRequest)
            let malformed = try await client.send { request, _ in request.headerFields[.authorization] = "GNAP a b" }
            #expect(malformed.status == .unauthorized && malformed.error?.code == .invalidToken)
        }
        #expect(harness.introspector.calls == 0)
    }

    @Test func unsignedGNAPTokenIsRefusedBeforeIntrospection() async throws {
        let harness = try RSHarness()
        harness.introspector.activate("T0K3N", try harness.boundToken(SigningKey.clientKey()))
        try await harness.run { client in
            let reply = try await client.send(authorization: .gnap("T0K3N"))
            #expect(reply.status == .unauthorized && reply.error?.code == .invalidSignature)
            #expect(reply.challenge != nil)
        }
        #expect(harness.introspector.calls == 0)
    }

    @Test func signatureByAnotherKeyIsRefused() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        try await harness.run { client in
            // Signed by a key the token is not bound to; its keyid is its own thumbprint.
            let stranger = try await client.send(authorization: .gnap("T0K3N"), key: SigningKey.clientKey())
            #expect(stranger.status == .unauthorized && stranger.error?.code == .invalidSignature)
            // The right key id, the wrong key material.
            var impostor = SigningKey.generateEd25519()
            impostor.keyID = key.keyID
            let forged = try await client.send(authorization: .gnap("T0K3N"), key: impostor)
            #expect(forged.status == .unauthorized && forged.error?.code == .invalidSignature)
            #expect(forged.error?.errorDescription?.contains("does not verify") == true)
        }
    }

    @Test func theSignatureMustCoverTheToken() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        harness.introspector.activate("OTHER", try harness.boundToken(key))
        try await harness.run { client in
            // Signed without Authorization, which is added afterwards: `authorization` is not covered.
            let uncovered = try await client.send(key: key) { request, _ in
                request.headerFields[.authorization] = "GNAP T0K3N"
            }
            #expect(uncovered.status == .unauthorized && uncovered.error?.code == .invalidSignature)
            // Signed with one token, presented with another.
            let swapped = try await client.send(authorization: .gnap("OTHER"), key: key) { request, _ in
                request.headerFields[.authorization] = "GNAP T0K3N"
            }
            #expect(swapped.status == .unauthorized && swapped.error?.code == .invalidSignature)
            // Signed for another URL.
            let moved = try await client.send(authorization: .gnap("T0K3N"), key: key, sentTo: "/notes?page=2")
            #expect(moved.status == .unauthorized && moved.error?.code == .invalidSignature)
        }
    }

    @Test func replayedSignatureIsRefused() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        try await harness.run { client in
            let first = try await client.send(authorization: .gnap("T0K3N"), key: key, nonce: "n-1")
            #expect(first.status == .ok)
            let replay = try await client.send(authorization: .gnap("T0K3N"), key: key, nonce: "n-1")
            #expect(replay.status == .unauthorized && replay.error?.code == .replayedRequest)
            // Another client may use the same nonce value: nonces are remembered per key.
            let other = SigningKey.clientKey()
            harness.introspector.activate("OTHER", try harness.boundToken(other))
            #expect(try await client.send(authorization: .gnap("OTHER"), key: other, nonce: "n-1").status == .ok)
        }
    }

    @Test func aNonceIsRequiredUnlessConfiguredOtherwise() async throws {
        let strict = try RSHarness()
        let key = SigningKey.clientKey()
        strict.introspector.activate("T0K3N", try strict.boundToken(key))
        try await strict.run { client in
            let reply = try await client.send(authorization: .gnap("T0K3N"), key: key, nonce: "")
            #expect(reply.status == .unauthorized && reply.error?.errorDescription?.contains("nonce") == true)
        }
        let lenient = try RSHarness { $0.requireNonce = false }
        lenient.introspector.activate("T0K3N", try lenient.boundToken(key))
        try await lenient.run { client in
            let reply = try await client.send(authorization: .gnap("T0K3N"), key: key, nonce: "")
            #expect(reply.status == .ok)
        }
    }

    @Test func insufficientRightsAreForbiddenNamingTheMissingOne() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        try await harness.run { client in
            let reply = try await client.send(
                .post, content: Array(#"{"text":"hi"}"#.utf8), authorization: .gnap("T0K3N"), key: key)
            #expect(reply.status == .forbidden)
            #expect(
                reply.error
                    == GNAPError(.insufficientAccess, "the access token does not grant type 'notes', action 'write'"))
            #expect(reply.challenge?.asURI == RSHarness.asURI)
            // The path parameter makes the requirement: a token for notes in general has no identifier.
            let one = try await client.send(.get, "/notes/42", authorization: .gnap("T0K3N"), key: key)
            #expect(one.status == .forbidden && one.error?.errorDescription?.contains("identifier '42'") == true)
        }
    }

    @Test func contentIsCheckedAndReachesTheHandler() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        harness.introspector.activate(
            "T0K3N",
            try harness.boundToken(
                key, access: [.object(AccessRightObject(type: "notes", actions: ["read", "write"]))]))
        let content = Array(#"{"text":"hello"}"#.utf8)
        try await harness.run { client in
            let stored = try await client.send(.post, content: content, authorization: .gnap("T0K3N"), key: key)
            #expect(stored.status == .ok && stored.body == "stored \(content.count) bytes")
            let tampered = try await client.send(.post, content: content, authorization: .gnap("T0K3N"), key: key) {
                _, body in body = Array(#"{"text":"HELLO"}"#.utf8)
            }
            #expect(tampered.status == .unauthorized && tampered.error?.code == .invalidSignature)
            #expect(tampered.error?.errorDescription?.contains("Content-Digest") == true)
        }
    }

    @Test func inactiveAndForeignTokensAreRefused() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        var foreign = try harness.boundToken(key)
        foreign.iss = "https://other-as.example/gnap"
        harness.introspector.activate("FOREIGN", foreign)
        try await harness.run { client in
            let unknown = try await client.send(authorization: .gnap("UNKNOWN"), key: key)
            #expect(unknown.status == .unauthorized && unknown.error?.code == .invalidToken)
            #expect(unknown.challenge?.access == "notes-ref")
            let other = try await client.send(authorization: .gnap("FOREIGN"), key: key)
            #expect(other.status == .unauthorized && other.error?.code == .invalidToken)
            #expect(other.error?.errorDescription?.contains("not issued by the authorization server") == true)
        }
    }

    @Test func anUnreachableASFailsClosed() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        harness.introspector.fail(with: .unreachable("connection refused"))
        try await harness.run { client in
            let reply = try await client.send(authorization: .gnap("T0K3N"), key: key)
            #expect(reply.status == .serviceUnavailable && reply.error?.code == .temporarilyUnavailable)
            #expect(reply.headers[.wwwAuthenticate] == nil)
            #expect(reply.body.contains("connection refused") == false, "the AS's trouble is for the log only")
            harness.introspector.fail(with: nil)
            #expect(try await client.send(authorization: .gnap("T0K3N"), key: key).status == .ok)
        }
    }

    @Test func oversizedContentIsRefusedUnread() async throws {
        let harness = try RSHarness { $0.maximumBodySize = 16 }
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        try await harness.run { client in
            let reply = try await client.send(
                .post, content: Array(repeating: 0x20, count: 17), authorization: .gnap("T0K3N"), key: key)
            #expect(reply.status == .contentTooLarge && reply.error?.code == .invalidRequest)
        }
        #expect(harness.introspector.calls == 0)
    }
}

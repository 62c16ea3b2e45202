import Foundation
import GNAP
import GNAPResourceServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Introspection results are cached until the token expires, re-checked after the revalidation window, and bounded
/// (RFC 9767 §5.3).
@Suite struct IntrospectionCachingTests {
    @Test func cachedIntrospectionIsUsedThenRecheckedAfterTheWindow() async throws {
        let harness = try RSHarness { $0.revalidationInterval = .seconds(30) }
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        try await harness.run { client async throws in
            #expect(try await client.status("T0K3N", key) == .ok)
            #expect(try await client.status("T0K3N", key) == .ok)
            harness.clock.advance(by: .seconds(29))
            #expect(try await client.status("T0K3N", key) == .ok)
            #expect(harness.introspector.calls == 1, "within the window the cached answer is used")
            harness.clock.advance(by: .seconds(1))
            #expect(try await client.status("T0K3N", key) == .ok)
            #expect(harness.introspector.calls == 2, "after the window the AS is asked again")
        }
    }

    @Test func revokedTokenIsRefusedAfterTheWindow() async throws {
        let harness = try RSHarness { $0.revalidationInterval = .seconds(10) }
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        try await harness.run { client async throws in
            #expect(try await client.status("T0K3N", key) == .ok)
            harness.introspector.revoke("T0K3N")
            // The window is the price of the cache: a revocation is seen at the latest when it ends.
            harness.clock.advance(by: .seconds(9))
            #expect(try await client.status("T0K3N", key) == .ok)
            harness.clock.advance(by: .seconds(1))
            let refused = try await client.send(authorization: .gnap("T0K3N"), key: key)
            #expect(refused.status == .unauthorized && refused.error?.code == .invalidToken)
            // An inactive answer is not cached: every later request asks again and is refused.
            #expect(try await client.send(authorization: .gnap("T0K3N"), key: key).status == .unauthorized)
            #expect(harness.introspector.calls == 3)
        }
    }

    @Test func aTokenIsNotUsedPastItsExpiry() async throws {
        let harness = try RSHarness { $0.revalidationInterval = .seconds(300) }
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key, lifetime: 60))
        try await harness.run { client async throws in
            #expect(try await client.status("T0K3N", key) == .ok)
            harness.clock.advance(by: .seconds(60))
            // The AS is asked again at expiry; this double still says active, but the RS reads `exp` itself.
            let expired = try await client.send(authorization: .gnap("T0K3N"), key: key)
            #expect(
                expired.status == .unauthorized && expired.error?.errorDescription == "the access token has expired")
            #expect(harness.introspector.calls == 2)
        }
    }

    @Test func theCacheIsBounded() async throws {
        let harness = try RSHarness { $0.introspectionCacheCapacity = 2 }
        let key = SigningKey.clientKey()
        for token in ["A", "B", "C"] { harness.introspector.activate(token, try harness.boundToken(key)) }
        try await harness.run { client async throws in
            for token in ["A", "B", "A", "C"] {
                #expect(try await client.status(token, key) == .ok)
            }
            #expect(harness.gate.cachedIntrospections == 2)
            #expect(harness.introspector.calls == 3, "A, B and C once each; the second A came from the cache")
            // C pushed out B, the least recently used; A is still cached.
            #expect(try await client.status("A", key) == .ok)
            #expect(harness.introspector.calls == 3)
            #expect(try await client.status("B", key) == .ok)
            #expect(harness.introspector.calls == 4)
            #expect(harness.gate.cachedIntrospections == 2)
        }
    }

    @Test func theCachedPathDecidesWithoutSuspending() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", try harness.boundToken(key))
        func signed(_ token: String) throws -> HTTPRequest {
            var request = HTTPRequest(method: .get, url: URL(string: RSHarness.publicURL + "/notes")!)
            request.headerFields[.authorization] = "GNAP \(token)"
            try SignatureProfile.gnap.sign(&request, content: [], key: key, now: harness.clock.now)
            return request
        }
        // Not cached yet: the AS must be asked, so there is no answer from the cache.
        #expect(
            harness.gate.authorizeFromCache(try signed("T0K3N"), content: [], requiring: RSHarness.notesRead) == nil)
        let first = await harness.gate.authorize(try signed("T0K3N"), content: [], requiring: RSHarness.notesRead)
        #expect((try? first.get())?.subject == "alice")
        let cached = harness.gate.authorizeFromCache(try signed("T0K3N"), content: [], requiring: RSHarness.notesRead)
        #expect((try? cached?.get())?.subject == "alice")
        // A request that fails before the token is looked up is decided too.
        var unsigned = try signed("T0K3N")
        unsigned.headerFields[.signatureInput] = nil
        guard
            case .failure(let refusal) = harness.gate.authorizeFromCache(
                unsigned, content: [], requiring: RSHarness.notesRead)
        else {
            Issue.record("an unsigned GNAP request is refused from the request alone")
            return
        }
        #expect(refusal.error.code == .invalidSignature)
        #expect(harness.introspector.calls == 1)
    }

    @Test func aTokenLearnedWithoutIntrospectionIsRemembered() async throws {
        let harness = try RSHarness()
        let key = SigningKey.clientKey()
        #expect(throws: Never.self) {
            try harness.gate.remember(try harness.boundToken(key), for: .gnap("T0K3N")).get()
        }
        var foreign = try harness.boundToken(key)
        foreign.iss = "https://elsewhere.example/gnap"
        guard case .failure(let refusal) = harness.gate.remember(foreign, for: .gnap("OTHER")) else {
            Issue.record("a token from another AS is not remembered")
            return
        }
        #expect(refusal.error.code == .invalidToken)
        try await harness.run { client async throws in
            #expect(try await client.status("T0K3N", key) == .ok)
            #expect(try await client.status("OTHER", key) == .unauthorized)
        }
        #expect(harness.introspector.queries.map(\.accessToken) == ["OTHER"])
    }
}

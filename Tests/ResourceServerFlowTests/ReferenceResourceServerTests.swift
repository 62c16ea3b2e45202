import Foundation
import GNAP
import GNAPClient
import GNAPResourceServer
import GNAPServer
import HTTPMessageSignatures
import ReferenceResourceServer
import Testing

/// The reference notes RS against a live AS: RS-first discovery, approved rights allowed and withheld ones
/// refused, revocation honoured within the window, `jwt-signed` tokens checked offline.
@Suite("The reference resource server with a live AS", .timeLimit(.minutes(2)))
struct ReferenceResourceServerTests {
    @Test func withoutATokenTheRSSaysWhereToAskAndForWhat() async throws {
        let stack = try await LiveStack.start()
        let client = ResourceClient(transport: stack.transport, clock: stack.clock)
        let answer = try await client.call("GET", url: stack.notesURL)
        #expect(answer.status == 401)
        let challenge = try #require(answer.challenge)
        #expect(challenge.asURI == stack.asBase + "/gnap")
        #expect(challenge.access == stack.notes.resourceReference)
        #expect(answer.error?.code == .invalidToken)
        // The reference is the set the RS registered: its rights, read and write of the notes.
        let set = try #require(try await stack.store.resourceSet(reference: stack.notes.resourceReference))
        #expect(set.access == NotesServer.access(base: stack.notes.base))
        #expect(set.resourceServerID == "notes")
        await stack.stop()
    }

    @Test func partialApprovalVisiblyLimitsWhatTheRSAllows() async throws {
        let stack = try await LiveStack.start()
        let key = LiveStack.clientKey()
        // The reference expands into read (0.0) and write (0.1); the approver grants reading only.
        let tokens = try await stack.grant(
            access: [.reference(stack.notes.resourceReference)], approving: ["0.0"], key: key)
        let token = try #require(tokens.first?.value)
        let client = ResourceClient(transport: stack.transport, clock: stack.clock)
        let list = try await client.call("GET", url: stack.notesURL, token: token, key: key)
        #expect(list.status == 200)
        #expect(String(decoding: list.body, as: UTF8.self) == #"{"notes":[]}"#)
        let write = try await client.call(
            "POST", url: stack.notesURL, content: Array(#"{"text":"hello"}"#.utf8), token: token, key: key)
        #expect(write.status == 403)
        #expect(write.error?.code == .insufficientAccess)
        #expect(try await stack.notesStore.notes().isEmpty)
        // Without the key's signature the token is useless (RFC 9635 §7.2).
        let unsigned = try await client.call("GET", url: stack.notesURL, token: token)
        #expect(unsigned.status == 401)
        let stolen = try await client.call("GET", url: stack.notesURL, token: token, key: LiveStack.clientKey())
        #expect(stolen.status == 401)
        await stack.stop()
    }

    @Test func aFullApprovalWritesReadsAndDeletes() async throws {
        let stack = try await LiveStack.start()
        let key = LiveStack.clientKey()
        let tokens = try await stack.grant(
            access: [.reference(stack.notes.resourceReference)], approving: ["0.0", "0.1"], key: key)
        let token = try #require(tokens.first?.value)
        let client = ResourceClient(transport: stack.transport, clock: stack.clock)
        let written = try await client.call(
            "POST", url: stack.notesURL, content: Array(#"{"text":"hello"}"#.utf8), token: token, key: key)
        #expect(written.status == 201)
        let note = try GNAPJSON.decode(Note.self, from: written.body)
        #expect(note.text == "hello")
        let read = try await client.call("GET", url: stack.notesURL + "/\(note.id)", token: token, key: key)
        #expect(try GNAPJSON.decode(Note.self, from: read.body) == note)
        let bad = try await client.call("POST", url: stack.notesURL, content: Array("{}".utf8), token: token, key: key)
        #expect(bad.status == 400)
        let deleted = try await client.call("DELETE", url: stack.notesURL + "/\(note.id)", token: token, key: key)
        #expect(deleted.status == 204)
        let gone = try await client.call("GET", url: stack.notesURL + "/\(note.id)", token: token, key: key)
        #expect(gone.status == 404)
        await stack.stop()
    }

    @Test func aRevokedTokenIsRefusedWithinTheRevalidationWindow() async throws {
        let stack = try await LiveStack.start(revalidationInterval: .seconds(10))
        let key = LiveStack.clientKey()
        let tokens = try await stack.grant(
            access: [.reference(stack.notes.resourceReference)], approving: ["0.0"], key: key)
        let token = try #require(tokens.first)
        let client = ResourceClient(transport: stack.transport, clock: stack.clock)
        #expect(try await client.call("GET", url: stack.notesURL, token: token.value, key: key).status == 200)
        try await GrantClient(transport: stack.transport, key: key, clock: stack.clock)
            .revokeToken(try #require(token.manage))
        // Within the window the RS relies on what it learned; once it is over, it asks and refuses.
        stack.clock.advance(by: .seconds(9))
        #expect(try await client.call("GET", url: stack.notesURL, token: token.value, key: key).status == 200)
        stack.clock.advance(by: .seconds(2))
        let refused = try await client.call("GET", url: stack.notesURL, token: token.value, key: key)
        #expect(refused.status == 401)
        #expect(refused.error?.code == .invalidToken)
        await stack.stop()
    }

    @Test func jwtSignedTokensAreCheckedOfflineAndStillRevocable() async throws {
        let stack = try await LiveStack.start(revalidationInterval: .seconds(10)) {
            $0.resourceServers.tokenFormat = TokenFormat.jwtSigned
        }
        #expect(stack.notes.checksStructuredTokens)
        let key = LiveStack.clientKey()
        let tokens = try await stack.grant(
            access: [.reference(stack.notes.resourceReference)], approving: ["0.0"], key: key)
        let token = try #require(tokens.first)
        #expect(StructuredAccessToken.looksStructured(token.value))
        let client = ResourceClient(transport: stack.transport, clock: stack.clock)
        #expect(try await client.call("GET", url: stack.notesURL, token: token.value, key: key).status == 200)
        try await GrantClient(transport: stack.transport, key: key, clock: stack.clock)
            .revokeToken(try #require(token.manage))
        stack.clock.advance(by: .seconds(11))
        #expect(try await client.call("GET", url: stack.notesURL, token: token.value, key: key).status == 401)
        // A forged token with the AS's kid but another key's signature never reaches the AS.
        let forger = try AssertionSigningKey(stored: AssertionSigningKey.generate())
        var claims = try StructuredAccessToken.verify(
            token.value, keys: try await JWKSetFetcher.keys(stack), expecting: .init(issuer: stack.asBase + "/gnap"),
            now: stack.clock.now.unixSeconds - 11)
        claims.access.append(NotesServer.access(base: stack.notes.base)[1])
        let forgedJWS = try CompactJWS.sign(
            payload: try GNAPJSON.encode(claims), key: forger.key, type: StructuredAccessToken.type,
            members: [])
        let parts = forgedJWS.compact.split(separator: ".")
        let asKid = try CompactJWS(parsing: token.value).header.kid
        let header = Base64URL.encode(Array(#"{"alg":"ES256","typ":"gnap-at+jwt","kid":"\#(asKid ?? "")"}"#.utf8))
        let forged = header + "." + parts[1] + "." + parts[2]
        let before = try await stack.store.auditEntries(AuditQuery(kind: .tokenIntrospected, limit: .max)).count
        let refused = try await client.call(
            "POST", url: stack.notesURL, content: Array(#"{"text":"x"}"#.utf8), token: forged, key: key)
        #expect(refused.status == 401)
        #expect(try await stack.store.auditEntries(AuditQuery(kind: .tokenIntrospected, limit: .max)).count == before)
        await stack.stop()
    }

    @Test func theRSCanDeriveATokenForADownstreamRS() async throws {
        let stack = try await LiveStack.start()
        let key = LiveStack.clientKey()
        let tokens = try await stack.grant(
            access: [.reference(stack.notes.resourceReference)], approving: ["0.0", "0.1"], key: key)
        let rsKey = try await stack.notesStore.signingKey()
        let requester = try DownstreamTokenRequester(
            grantEndpoint: stack.asBase + "/gnap", key: rsKey, instanceID: stack.notes.instanceID,
            transport: stack.transport, clock: stack.clock)
        let read = NotesServer.access(base: stack.notes.base)[0]
        let derived = try await requester.derive(from: try #require(tokens.first?.value), access: [read])
        #expect(derived.access == [read])
        // The derived token works at the notes RS when the notes RS itself presents it with its own key.
        let client = ResourceClient(transport: stack.transport, clock: stack.clock)
        #expect(try await client.call("GET", url: stack.notesURL, token: derived.value, key: rsKey).status == 200)
        await stack.stop()
    }
}

/// The AS's JWK Set, as an RS fetches it.
enum JWKSetFetcher {
    static func keys(_ stack: LiveStack) async throws -> [JWK] {
        try await RemoteJWKSetSource(url: stack.asBase + "/.well-known/jwks.json", clock: stack.clock)
            .keys(refresh: false)
    }
}

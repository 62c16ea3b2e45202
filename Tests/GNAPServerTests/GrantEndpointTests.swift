import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("Grant endpoint and discovery")
struct GrantEndpointTests {
    @Test func discoveryNamesTheGrantEndpoint() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let reply = try await client.send(.get, "/.well-known/gnap-as-rs")
            #expect(reply.status == .ok)
            let document = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
            #expect(document?["grant_request_endpoint"] as? String == "http://as.test/gnap")
            #expect(document?["key_proofs_supported"] as? [String] == ["httpsig", "jwsd", "jws"])
            #expect(reply.headers[.cacheControl] == "no-store")
        }
    }

    @Test func aSignedRequestGetsAUserCodeAndAContinuation() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let reply = try await client.send(.post, "/gnap", json: try instance.request(), key: instance.key)
            #expect(reply.status == .ok)
            #expect(reply.headers[.cacheControl] == "no-store")
            #expect(reply.headers[.contentType] == "application/json")
            let response = try reply.decode(GrantResponse.self)
            let continuation = try #require(response.continue)
            #expect(continuation.uri.hasPrefix("http://as.test/gnap/continue/"))
            #expect(continuation.wait == 5)
            #expect(continuation.accessToken.value.count == 43)
            let code = try #require(response.interact?.userCode)
            #expect(try UserCode(parsing: code).display == code)
            #expect(response.interact?.userCodeURI == UserCodeURI(code: code, uri: "http://as.test/device"))
            #expect(response.interact?.expiresIn == 600)
            #expect(response.instanceID != nil)
            #expect(response.accessToken == nil)
            // The same key again reuses its instance identifier.
            let again = try await client.send(.post, "/gnap", json: try instance.request(), key: instance.key)
            #expect(try again.decode(GrantResponse.self).instanceID == response.instanceID)
        }
    }

    @Test func badRequestsGetRFC9635Errors() async throws {
        let harness = try await ASHarness(maximumBodySize: 4096)
        let instance = TestClientInstance()
        let other = TestClientInstance()
        try await harness.run { client in
            let body = try GNAPJSON.encode(try instance.request())
            var cases: [(String, ASHarness.Client.Reply, HTTPResponse.Status, GNAPError.Code, String)] = []
            cases.append(
                (
                    "not JSON", try await client.send(.post, "/gnap", content: Array("{nope".utf8), key: instance.key),
                    .badRequest, .invalidRequest, "not valid JSON"
                ))
            cases.append(
                (
                    "unsigned", try await client.send(.post, "/gnap", content: body), .unauthorized, .invalidClient,
                    "not signed"
                ))
            cases.append(
                (
                    "signed by another key", try await client.send(.post, "/gnap", content: body, key: other.key),
                    .unauthorized, .invalidClient, "signature"
                ))
            cases.append(
                (
                    "content changed after signing",
                    try await client.send(.post, "/gnap", content: body, key: instance.key) { _, content in
                        // Still valid JSON, so the digest check is what refuses it: the display name "TV" becomes "TW".
                        let index = content.indices.first {
                            content[$0] == UInt8(ascii: "T") && content[$0 + 1] == UInt8(ascii: "V")
                        }!
                        content[index + 1] = UInt8(ascii: "W")
                    },
                    .unauthorized, .invalidClient, "Content-Digest"
                ))
            cases.append(
                (
                    "signed for another target",
                    try await client.send(
                        .post, "/gnap", content: body, key: instance.key, signedURL: "http://evil.test/gnap"),
                    .unauthorized, .invalidClient, "does not match"
                ))
            cases.append(
                (
                    "wrong tag",
                    try await client.send(.post, "/gnap", content: body, key: instance.key, profile: .approverAPI),
                    .unauthorized, .invalidClient, "tag"
                ))
            cases.append(
                (
                    "bearer flag",
                    try await client.send(
                        .post, "/gnap", json: try instance.request(flags: ["bearer"]), key: instance.key), .badRequest,
                    .invalidFlag, "bearer"
                ))
            let huge = try instance.request(
                access: (0..<200).map { .reference("right-\($0)-" + String(repeating: "x", count: 30)) })
            cases.append(
                (
                    "too large", try await client.send(.post, "/gnap", json: huge, key: instance.key), .contentTooLarge,
                    .invalidRequest, "exceeds"
                ))
            cases.append(
                (
                    "unknown instance",
                    try await client.send(
                        .post, "/gnap",
                        json: GrantRequest(
                            accessToken: .single(AccessTokenRequest(access: [.reference("x")])),
                            client: .reference("nope"), interact: InteractRequest(start: ["user_code"])),
                        key: instance.key), .unauthorized, .invalidClient, "unknown client instance"
                ))
            for (name, reply, status, code, fragment) in cases {
                #expect(reply.status == status, "\(name)")
                #expect(reply.error?.code == code, "\(name)")
                #expect(
                    reply.error?.errorDescription?.contains(fragment) == true,
                    "\(name): \(String(describing: reply.error))")
                #expect(reply.headers[.cacheControl] == "no-store", "\(name)")
            }
        }
    }

    @Test func unknownRoutesAnswerInJSON() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let reply = try await client.send(.get, "/nothing-here")
            #expect(reply.status == .notFound)
            #expect(reply.error?.code == .notFound)
        }
    }

    @Test func userCodePageExplainsHowToApprove() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let reply = try await client.send(.get, "/device")
            #expect(reply.status == .ok)
            #expect(String(decoding: reply.body, as: UTF8.self).contains("gnapterm approve --as http://as.test"))
            // Static text only: nothing may load, run or frame it.
            #expect(
                reply.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'; frame-ancestors 'none'") == true)
            #expect(reply.headers[.xContentTypeOptions] == "nosniff")
        }
    }
}

@Suite("Replay protection on the client API")
struct ClientReplayTests {
    /// RFC 9635 §7.3.1: when a nonce is present the verifier must make sure it is unique.
    @Test func aCapturedGrantRequestCannotBeReplayed() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let body = try GNAPJSON.encode(try instance.request())
            var captured: HTTPRequest?
            let first = try await client.send(.post, "/gnap", content: body, key: instance.key) { request, _ in
                captured = request
            }
            #expect(first.status == .ok)
            let replay = try await client.client.execute(
                uri: "/gnap", method: .post, headers: captured!.headerFields, body: .init(bytes: body))
            #expect(replay.status == .conflict)
            let error = try GNAPJSON.decode(GrantResponse.self, from: Array(replay.body.readableBytesView)).error
            #expect(error?.code == .invalidClient)
            #expect(error?.errorDescription?.contains("nonce reused") == true)
        }
    }
}

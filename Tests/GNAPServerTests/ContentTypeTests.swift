import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Request content must be `application/json` (RFC 9635 §2), UTF-8 if a charset is named: anything else is refused
/// with 415 and `invalid_request` before any other check, on every JSON endpoint.
@Suite("Content-Type of request content")
struct ContentTypeTests {
    /// Content types that must be refused, and what the description must mention.
    static let refused: [(String?, String)] = [
        (nil, "no Content-Type"),
        ("text/plain", "'text/plain' is not supported"),
        ("multipart/form-data; boundary=xyz", "is not supported"),
        ("application/json; charset=utf-16", "charset 'utf-16'"),
        ("application/json; charset=\"ISO-8859-1\"", "charset 'ISO-8859-1'"),
        ("application/jsonp", "is not supported"),
        ("application/x-www-form-urlencoded", "is not supported"),
    ]

    static let accepted = ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""]

    /// One endpoint of each kind, with JSON content it would otherwise read.
    static func endpoints(grantPath: String, grantID: String) -> [(HTTPRequest.Method, String, [UInt8])] {
        let json = Array(#"{"reason":"no"}"#.utf8)
        return [
            (.post, "/gnap", json),
            (.post, grantPath, Array(#"{"interact_ref":"abc"}"#.utf8)),
            (.patch, grantPath, Array(#"{"access_token":{"access":["x"]}}"#.utf8)),
            (.post, "/gnap/token/some-token", Array(#"{"key":{}}"#.utf8)),
            (.post, "/gnap/instances/some-instance/key", Array(#"{"key":{}}"#.utf8)),
            (.post, "/interact/v1/enroll", json),
            (.post, "/interact/v1/code", Array(#"{"user_code":"ABCD-EFGH"}"#.utf8)),
            (.post, "/interact/v1/grants/\(grantID)/approve", json),
            (.post, "/interact/v1/grants/\(grantID)/deny", json),
            (.post, "/admin/v1/accounts", json),
            (.post, "/admin/v1/grants/\(grantID)/deny", json),
        ]
    }

    @Test func everyJSONEndpointRefusesOtherMediaTypesWith415BeforeAnythingElse() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let grant = try await TestGrant.start(client, instance: instance)
            let before = try await harness.rowCounts()
            for (method, path, content) in Self.endpoints(grantPath: grant.path, grantID: grant.grantID) {
                for (contentType, mention) in Self.refused {
                    // Unsigned on purpose: the media type is checked before the signature.
                    let reply = try await client.send(method, path, content: content, contentType: contentType)
                    let label = "\(method) \(path) with \(contentType ?? "no Content-Type")"
                    #expect(reply.status == .unsupportedMediaType, "\(label): \(reply.status)")
                    #expect(reply.error?.code == .invalidRequest, "\(label)")
                    #expect(
                        reply.error?.errorDescription?.contains(mention) == true,
                        "\(label): \(String(describing: reply.error))")
                    if method == .patch {
                        #expect(reply.headers[HTTPField.Name("Accept-Patch")!] == "application/json")
                    }
                }
            }
            #expect(try await harness.rowCounts() == before)
        }
    }

    @Test func compressedContentIsRefusedToo() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        try await harness.run { client in
            let reply = try await client.send(
                .post, "/gnap", content: try GNAPJSON.encode(try instance.request()), key: instance.key
            ) { request, _ in request.headerFields[.contentEncoding] = "gzip" }
            #expect(reply.status == .unsupportedMediaType && reply.error?.code == .invalidRequest)
        }
    }

    @Test func jsonWithAUTF8CharsetIsAccepted() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            for contentType in Self.accepted {
                let instance = TestClientInstance()
                let reply = try await client.send(
                    .post, "/gnap", content: try GNAPJSON.encode(try instance.request()), key: instance.key,
                    contentType: contentType)
                #expect(reply.status == .ok, "\(contentType): \(String(describing: reply.error))")
            }
        }
    }

    /// Requests without content (a poll, a GET, a DELETE) need no Content-Type.
    @Test func requestsWithoutContentNeedNone() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let grant = try await TestGrant.start(client)
            harness.clock.advance(by: .seconds(5))
            let poll = try await client.send(.post, grant.path, key: grant.instance.key, token: grant.token)
            #expect(poll.status == .ok)
        }
    }
}

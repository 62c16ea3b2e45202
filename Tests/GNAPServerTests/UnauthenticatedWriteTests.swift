import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Nothing is written before a request is authenticated: unsigned and badly signed requests to every endpoint that
/// writes leave every table of the AS database as it was.
@Suite("Unauthenticated requests write nothing")
struct UnauthenticatedWriteTests {
    /// A grant request whose client asserts a 4 KB display name: the shape an attacker would use to grow the store.
    static func bulkyRequest(_ instance: TestClientInstance) throws -> [UInt8] {
        var request = try instance.request()
        request.client = .value(
            ClientInstanceValue(
                key: ClientKeyValue(proof: .httpsig, jwk: try instance.key.publicJWK()),
                display: ClientDisplay(name: String(repeating: "x", count: 4096))))
        return try GNAPJSON.encode(request)
    }

    @Test func unsignedAndBadlySignedGrantRequestsLeaveEveryTableUnchanged() async throws {
        let harness = try await ASHarness(maximumBodySize: 65_536)
        let instance = TestClientInstance()
        let stranger = TestClientInstance()
        let before = try await harness.rowCounts()
        try await harness.run { client in
            let body = try Self.bulkyRequest(instance)
            for _ in 0..<3 {
                let unsigned = try await client.send(.post, "/gnap", content: body)
                #expect(unsigned.status == .unauthorized && unsigned.error?.code == .invalidClient)
            }
            // Signed, but by a key other than the one the request presents.
            let wrongKey = try await client.send(.post, "/gnap", content: body, key: stranger.key)
            #expect(wrongKey.status == .unauthorized)
            // Signed by the right key, then the content changed: the digest no longer matches.
            let tampered = try await client.send(.post, "/gnap", content: body, key: instance.key) { _, content in
                // Still valid JSON: one letter of the display name changes, so the digest check refuses it.
                content[content.firstIndex(of: UInt8(ascii: "x"))!] = UInt8(ascii: "y")
            }
            #expect(tampered.status == .unauthorized)
            // Signed for another target URI.
            let elsewhere = try await client.send(
                .post, "/gnap", content: body, key: instance.key, signedURL: "http://elsewhere.test/gnap")
            #expect(elsewhere.status == .unauthorized)
        }
        #expect(try await harness.rowCounts() == before)
    }

    /// The same for every other endpoint that can write: continuation, modification, cancellation, token management,
    /// key rotation, enrollment, the interaction API and the admin API, unsigned and signed by an unknown key.
    @Test func unsignedAndBadlySignedCallsToEveryWritingEndpointLeaveEveryTableUnchanged() async throws {
        let harness = try await ASHarness()
        let instance = TestClientInstance()
        let stranger = TestClientInstance()
        let strangerDevice = SigningKey.generateEd25519(keyID: "no-such-device")
        let grant = try await harness.run { client in
            try await client.startGrant(try instance.request(), key: instance.key)
        }
        let continuation = try #require(grant.continue)
        let continuePath = String(continuation.uri.dropFirst(ASHarness.base.count))
        let grantID = String(continuePath.split(separator: "/").last!)
        let token = continuation.accessToken.value
        let before = try await harness.rowCounts()
        let json = Array(#"{"reason":"no","user_code":"ABCD-EFGH","username":"mallory","role":"admin"}"#.utf8)
        let calls: [(HTTPRequest.Method, String, [UInt8], String?)] = [
            (.post, continuePath, [], token),
            (.patch, continuePath, try GNAPJSON.encode(["access_token": ["access": ["x"]]]), token),
            (.delete, continuePath, [], token),
            (.post, "/gnap/token/unknown", [], "management"),
            (.delete, "/gnap/token/unknown", [], "management"),
            (.post, "/gnap/instances/\(try #require(grant.instanceID))/key", Array(#"{"key":{}}"#.utf8), nil),
            (.post, "/interact/v1/enroll", json, nil),
            (.post, "/interact/v1/code", json, nil),
            (.post, "/interact/v1/grants/\(grantID)/approve", json, nil),
            (.post, "/interact/v1/grants/\(grantID)/deny", json, nil),
            (.post, "/interact/v1/grants/\(grantID)/revoke", json, nil),
            (.post, "/interact/v1/devices/rotate", json, nil),
            (.delete, "/interact/v1/devices/some-device", [], nil),
            (.post, "/admin/v1/accounts", json, nil),
            (.post, "/admin/v1/accounts/admin/disable", [], nil),
            (.post, "/admin/v1/accounts/admin/invitations", [], nil),
            (.post, "/admin/v1/grants/\(grantID)/deny", json, nil),
            (.post, "/admin/v1/grants/\(grantID)/revoke", json, nil),
            (.delete, "/admin/v1/devices/some-device", [], nil),
        ]
        try await harness.run { client in
            for (method, path, content, token) in calls {
                let unsigned = try await client.send(method, path, content: content, token: token)
                #expect(unsigned.status.kind == .clientError, "\(method) \(path) unsigned: \(unsigned.status)")
                let profile: SignatureProfile = path.hasPrefix("/gnap") ? .gnap : .approverAPI
                let key = path.hasPrefix("/gnap") ? stranger.key : strangerDevice
                let badlySigned = try await client.send(
                    method, path, content: content, key: key, profile: profile, token: token)
                #expect(badlySigned.status.kind == .clientError, "\(method) \(path) signed: \(badlySigned.status)")
            }
        }
        #expect(try await harness.rowCounts() == before)
    }
}

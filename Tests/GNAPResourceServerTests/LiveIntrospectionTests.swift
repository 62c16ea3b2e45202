import Foundation
import GNAP
import GNAPClient
import GNAPResourceServer
import HTTPMessageSignatures
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Over real HTTP: the RS introspects through AsyncHTTPClient at a stand-in AS on 127.0.0.1 that checks the RS's
/// signature (RFC 9767 §3.2, §3.3), and the client's request then passes the gate.
@Suite struct LiveIntrospectionTests {
    @Test func theRSIntrospectsOverHTTPAndTheClientGetsIn() async throws {
        let clock = ManualClock()
        let rsKey = SigningKey.generateEd25519(keyID: "rs-key")
        let clientKey = SigningKey.clientKey()
        let port = Mutex<Int>(0)
        let seen = Mutex<[TokenIntrospectionRequest]>([])
        let answer = IntrospectedToken(
            access: [.object(AccessRightObject(type: "notes", actions: ["read"]))],
            key: .value(ClientKeyValue(proof: .httpsig, jwk: try clientKey.publicJWK())),
            exp: clock.now.unixSeconds + 600, sub: "alice", iss: RSHarness.asURI)

        let asRouter = Router()
        asRouter.post("introspect") { request, _ -> Response in
            var request = request
            let body = Array(try await request.collectBody(upTo: 1 << 16).readableBytesView)
            var head = request.head
            head.scheme = "http"
            head.authority = "127.0.0.1:\(port.withLock { $0 })"
            let verified = SignatureProfile.gnap.verify(
                head, content: body, key: rsKey.verificationKey, keyID: "rs-key", now: clock.now)
            guard case .success = verified,
                let query = try? GNAPJSON.decodeRequest(TokenIntrospectionRequest.self, from: body)
            else {
                return Response(
                    status: .badRequest, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":"invalid_resource_server"}"#)))
            }
            seen.withLock { $0.append(query) }
            let reply: TokenIntrospectionResponse = query.accessToken == "T0K3N" ? .active(answer) : .inactive
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: try GNAPJSON.encode(reply))))
        }
        try await Application(router: asRouter, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            .test(.live) { asClient in
                let asPort = try #require(asClient.port)
                port.withLock { $0 = asPort }
                let introspector = try RemoteTokenIntrospector(
                    endpoint: "http://127.0.0.1:\(asPort)/introspect", key: rsKey, identification: .reference("rs-1"),
                    clock: clock)
                let gate = try ResourceServerGate(
                    configuration: ResourceServerConfiguration(asURI: RSHarness.asURI, publicURL: RSHarness.publicURL),
                    introspector: introspector, clock: clock)
                var request = HTTPRequest(method: .get, url: URL(string: RSHarness.publicURL + "/notes")!)
                request.headerFields[.authorization] = "GNAP T0K3N"
                try SignatureProfile.gnap.sign(&request, content: [], key: clientKey, now: clock.now)
                let result = await gate.authorize(request, content: [], requiring: RSHarness.notesRead)
                #expect((try? result.get())?.subject == "alice")

                request = HTTPRequest(method: .get, url: URL(string: RSHarness.publicURL + "/notes")!)
                request.headerFields[.authorization] = "GNAP UNKNOWN"
                try SignatureProfile.gnap.sign(&request, content: [], key: clientKey, now: clock.now)
                guard
                    case .failure(let refusal) = await gate.authorize(
                        request, content: [], requiring: RSHarness.notesRead)
                else {
                    Issue.record("an unknown token is refused")
                    return
                }
                #expect(refusal.status == .unauthorized && refusal.error.code == .invalidToken)
            }
        #expect(seen.withLock { $0.map(\.resourceServer) } == [.reference("rs-1"), .reference("rs-1")])
    }
}

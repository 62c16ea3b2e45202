import Foundation
import GNAP
import GNAPClient
import GNAPResourceServer
import HTTPMessageSignatures
import HTTPTypes
import Synchronization
import Testing

/// The introspection call an RS makes (RFC 9767 §3.2, §3.3): signed with the RS's key under the `gnap` profile,
/// identifying the RS, with the management token when there is one; the AS's answers and refusals mapped.
@Suite struct RemoteTokenIntrospectorTests {
    /// An AS stand-in behind the transport seam: checks the RS's signature like the AS would and answers.
    final class FakeAS: HTTPTransport {
        let rsKey: SigningKey
        let clock: ManualClock
        let answer: @Sendable (TokenIntrospectionRequest) -> (Int, String)
        let received = Mutex<[TokenIntrospectionRequest]>([])
        let authorizations = Mutex<[String?]>([])

        init(
            rsKey: SigningKey, clock: ManualClock,
            answer: @escaping @Sendable (TokenIntrospectionRequest) -> (Int, String)
        ) {
            self.rsKey = rsKey
            self.clock = clock
            self.answer = answer
        }

        func send(_ request: HTTPRequest, body: [UInt8]) async throws(GNAPClientError) -> (HTTPResponse, [UInt8]) {
            let verified = SignatureProfile.gnap.verify(
                request, content: body, key: rsKey.verificationKey, keyID: rsKey.keyID, now: clock.now)
            guard case .success = verified else {
                return (HTTPResponse(status: .badRequest), Array(#"{"error":"invalid_resource_server"}"#.utf8))
            }
            guard request.method == .post, request.url?.absoluteString == "https://as.example/introspect",
                let parsed = try? GNAPJSON.decodeRequest(TokenIntrospectionRequest.self, from: body)
            else { return (HTTPResponse(status: .badRequest), Array(#"{"error":"invalid_request"}"#.utf8)) }
            received.withLock { $0.append(parsed) }
            authorizations.withLock { $0.append(request.headerFields[.authorization]) }
            let (status, json) = answer(parsed)
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            return (HTTPResponse(status: .init(code: status), headerFields: fields), Array(json.utf8))
        }
    }

    static let active = #"{"active": true, "access": ["notes"], "flags": ["bearer"], "iss": "https://as.example/gnap"}"#

    @Test func signsAndIdentifiesByValue() async throws {
        let clock = ManualClock()
        var rsKey = SigningKey.generateEd25519()
        rsKey.keyID = "rs-key"
        let fake = FakeAS(rsKey: rsKey, clock: clock) { _ in (200, Self.active) }
        let introspector = try RemoteTokenIntrospector(
            endpoint: "https://as.example/introspect", key: rsKey, transport: fake, clock: clock)
        let answer = try await introspector.introspect(IntrospectionQuery(accessToken: "T0K3N", proof: nil))
        #expect(answer.token?.access == [.reference("notes")])
        let sent = try #require(fake.received.withLock { $0.first })
        #expect(sent.accessToken == "T0K3N" && sent.proof == nil)
        // By value: the RS's public key with httpsig (§3.2), which the AS can validate.
        guard case .key(let binding) = try sent.resourceServer.validated() else {
            Issue.record("the RS is identified by value")
            return
        }
        #expect(binding.thumbprint == (try rsKey.publicJWK().thumbprint()))
        #expect(binding.jwk.d == nil)
    }

    @Test func identifiesByReferenceWithTheManagementToken() async throws {
        let clock = ManualClock()
        let rsKey = SigningKey.generateEd25519(keyID: "rs-key")
        let fake = FakeAS(rsKey: rsKey, clock: clock) { _ in (200, #"{"active": false}"#) }
        let introspector = try RemoteTokenIntrospector(
            endpoint: "https://as.example/introspect", key: rsKey, identification: .reference("rs-7"),
            managementToken: "MGMT", transport: fake, clock: clock)
        let answer = try await introspector.introspect(
            IntrospectionQuery(accessToken: "T0K3N", proof: "httpsig", access: [.reference("notes")]))
        #expect(answer == .inactive)
        let sent = try #require(fake.received.withLock { $0.first })
        #expect(sent.resourceServer == .reference("rs-7") && sent.proof == "httpsig")
        #expect(sent.access == [.reference("notes")])
        // The management token is presented and, being in Authorization, covered by the signature (the fake AS
        // verified it with the profile, which requires `authorization` when the field is there).
        #expect(fake.authorizations.withLock { $0 } == ["GNAP MGMT"])
    }

    @Test func refusalsAndMalformedAnswersAreFailures() async throws {
        let clock = ManualClock()
        let rsKey = SigningKey.generateEd25519(keyID: "rs-key")
        let cases: [(Int, String, (IntrospectionFailure) -> Bool)] = [
            (
                400, #"{"error": {"code": "invalid_resource_server", "description": "unknown RS"}}"#,
                { $0.gnapError == GNAPError(.invalidResourceServer, "unknown RS") }
            ),
            (400, #"{"error": "invalid_access"}"#, { $0.gnapError?.code == .invalidAccess }),
            (
                200, #"{"active": true, "access": [], "flags": ["bearer"]}"#,
                { $0.gnapError == nil && $0.description.contains("'iss' is missing") }
            ),
            (200, #"{"active": "yes"}"#, { $0.description.contains("malformed") }),
            (200, "<html>", { $0.description.contains("malformed") }),
        ]
        for (status, json, check) in cases {
            let fake = FakeAS(rsKey: rsKey, clock: clock) { _ in (status, json) }
            let introspector = try RemoteTokenIntrospector(
                endpoint: "https://as.example/introspect", key: rsKey, transport: fake, clock: clock)
            let failure = await #expect(throws: IntrospectionFailure.self) {
                try await introspector.introspect(IntrospectionQuery(accessToken: "T", proof: nil))
            }
            #expect(failure.map(check) == true, "\(json): \(String(describing: failure))")
        }
    }

    @Test func anUnreachableASIsReportedAsSuch() async throws {
        struct Down: HTTPTransport {
            func send(_ request: HTTPRequest, body: [UInt8]) async throws(GNAPClientError) -> (HTTPResponse, [UInt8]) {
                throw .transport("connection refused")
            }
        }
        let introspector = try RemoteTokenIntrospector(
            endpoint: "https://as.example/introspect", key: .generateEd25519(), transport: Down(), clock: ManualClock())
        let failure = await #expect(throws: IntrospectionFailure.self) {
            try await introspector.introspect(IntrospectionQuery(accessToken: "T", proof: nil))
        }
        #expect(failure?.description == "cannot reach the authorization server: connection refused")
    }

    @Test func discoveryIsFetchedAndChecked() async throws {
        struct Documents: HTTPTransport {
            let json: String
            func send(_ request: HTTPRequest, body: [UInt8]) async throws(GNAPClientError) -> (HTTPResponse, [UInt8]) {
                #expect(request.url?.absoluteString == "https://as.example/.well-known/gnap-as-rs")
                return (HTTPResponse(status: .ok), Array(json.utf8))
            }
        }
        let good =
            #"{"grant_request_endpoint": "https://as.example/gnap", "introspection_endpoint": "https://as.example/introspect"}"#
        let document = try await ResourceServerDiscovery.fetch(
            asBase: "https://as.example/", transport: Documents(json: good))
        #expect(document.introspectionEndpoint == "https://as.example/introspect")
        let insecure = #"{"grant_request_endpoint": "http://as.example/gnap"}"#
        let failure = await #expect(throws: IntrospectionFailure.self) {
            try await ResourceServerDiscovery.fetch(asBase: "https://as.example", transport: Documents(json: insecure))
        }
        #expect(failure?.description.contains("must be an https URL") == true)
        #expect(
            try await ResourceServerDiscovery.fetch(
                asBase: "https://as.example", transport: Documents(json: insecure), allowHTTP: true
            ).grantRequestEndpoint == "http://as.example/gnap")
    }
}

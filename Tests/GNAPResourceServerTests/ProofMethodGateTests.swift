import ChildProcessTestSupport
import Foundation
import GNAP
import GNAPResourceServer
import HTTPMessageSignatures
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The RS checks a bound token's proof by the method of the token's key (RFC 9635 §7.2: "MUST be sent using the
/// key and proofing mechanism" bound to it): jwsd (§7.3.3), jws (§7.3.4) and mtls (§7.3.2, the client certificate
/// from a trusted proxy's header here), beside httpsig (AccessMiddlewareTests).
@Suite struct ProofMethodGateTests {
    static let certificateHeader = "Client-Cert"

    /// A harness whose RS trusts ``certificateHeader`` for client certificates.
    static func harness() throws -> RSHarness {
        try RSHarness { $0.trustedClientCertificateHeader = certificateHeader }
    }

    /// An introspection answer for a token bound to `key` under `proof`.
    static func token(_ key: ClientKeyValue, _ harness: RSHarness, actions: [String] = ["read"]) -> IntrospectedToken {
        IntrospectedToken(
            access: [.object(AccessRightObject(type: "notes", actions: actions))], key: .value(key),
            exp: harness.clock.now.unixSeconds + 3600, iat: harness.clock.now.unixSeconds, sub: "alice",
            iss: RSHarness.asURI, instanceID: "device-1")
    }

    static func jwkValue(_ key: SigningKey, _ method: String) throws -> ClientKeyValue {
        var jwk = try key.publicJWK()
        jwk.kid = key.keyID
        return ClientKeyValue(proof: ProofMethod(method: method), jwk: jwk)
    }

    /// Sends `GET /notes` (or a POST with `content`) presenting `token`, proven by a JWS of `method` made with `key`;
    /// `request` may be changed before signing (`sign`) or after (`tamper`).
    static func sendJWS(
        _ client: RSHarness.Client, _ method: JWSProof.Method, token: String, key: SigningKey,
        _ httpMethod: HTTPRequest.Method = .get, content: [UInt8] = [], signedURI: String? = nil,
        signedToken: String?? = .none, at: WallInstant? = nil, replaying: SignedJWSProof? = nil
    ) async throws -> (RSHarness.Client.Reply, SignedJWSProof) {
        let proof =
            try replaying
            ?? JWSProof.sign(
                method,
                request: JWSProofRequest(
                    method: httpMethod.rawValue, targetURI: signedURI ?? RSHarness.publicURL + "/notes",
                    accessToken: signedToken ?? token, content: content),
                key: key, now: at ?? client.clock.now)
        var fields = HTTPFields()
        fields[.authorization] = "GNAP \(token)"
        if let detached = proof.detachedJWS { fields[JWSProof.detachedJWSField] = detached }
        if !proof.body.isEmpty { fields[.contentType] = proof.contentType ?? "application/json" }
        let response = try await client.client.execute(
            uri: "/notes", method: httpMethod, headers: fields,
            body: proof.body.isEmpty ? nil : ByteBuffer(bytes: proof.body))
        return (
            RSHarness.Client.Reply(
                status: response.status, headers: response.headers, body: String(buffer: response.body)),
            proof
        )
    }

    @Test(arguments: JWSProof.Method.allCases)
    func aJWSProvenTokenReachesTheHandler(_ method: JWSProof.Method) async throws {
        let harness = try Self.harness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", Self.token(try Self.jwkValue(key, method.rawValue), harness))
        try await harness.run { client in
            let (reply, _) = try await Self.sendJWS(client, method, token: "T0K3N", key: key)
            #expect(reply.status == .ok, "\(reply.body)")
            #expect(reply.body == "read by alice with \(try key.publicJWK().thumbprint())")
        }
        // RFC 9767 §3.3: the RS names the method the client used.
        #expect(harness.introspector.queries.map(\.proof) == [method.rawValue])
    }

    @Test func aJWSBodyIsTheContentTheHandlerReads() async throws {
        let harness = try Self.harness()
        let key = SigningKey.clientKey()
        harness.introspector.activate(
            "T0K3N", Self.token(try Self.jwkValue(key, "jws"), harness, actions: ["read", "write"]))
        let content = Array(#"{"note":"hello"}"#.utf8)
        try await harness.run { client in
            let (reply, proof) = try await Self.sendJWS(client, .jws, token: "T0K3N", key: key, .post, content: content)
            #expect(proof.contentType == "application/jose")
            #expect(reply.status == .ok, "\(reply.body)")
            // §7.3.4: the handler reads the JWS payload, not the JWS.
            #expect(reply.body == "stored \(content.count) bytes")
        }
    }

    @Test func jwsdBindsTheContent() async throws {
        let harness = try Self.harness()
        let key = SigningKey.clientKey()
        harness.introspector.activate(
            "T0K3N", Self.token(try Self.jwkValue(key, "jwsd"), harness, actions: ["read", "write"]))
        try await harness.run { client in
            let (_, proof) = try await Self.sendJWS(
                client, .jwsd, token: "T0K3N", key: key, .post, content: Array(#"{"note":"a"}"#.utf8))
            // The same header over other content.
            var fields = HTTPFields()
            fields[.authorization] = "GNAP T0K3N"
            fields[JWSProof.detachedJWSField] = proof.detachedJWS
            fields[.contentType] = "application/json"
            let response = try await client.client.execute(
                uri: "/notes", method: .post, headers: fields, body: ByteBuffer(string: #"{"note":"b"}"#))
            #expect(response.status == .unauthorized)
            #expect(String(buffer: response.body).contains("invalid_signature"))
        }
    }

    @Test func badJWSProofsAreRefusedWithInvalidSignature() async throws {
        let harness = try Self.harness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", Self.token(try Self.jwkValue(key, "jwsd"), harness))
        try await harness.run { client in
            // Another key; another `uri`; no `ath`; too old; a jws proof for a jwsd-bound token.
            let cases: [(String, (RSHarness.Client) async throws -> RSHarness.Client.Reply)] = [
                ("other key", { try await Self.sendJWS($0, .jwsd, token: "T0K3N", key: .clientKey()).0 }),
                (
                    "uri",
                    {
                        try await Self.sendJWS(
                            $0, .jwsd, token: "T0K3N", key: key, signedURI: "https://rs.example/other"
                        ).0
                    }
                ),
                ("ath", { try await Self.sendJWS($0, .jwsd, token: "T0K3N", key: key, signedToken: .some(nil)).0 }),
                (
                    "created",
                    {
                        try await Self.sendJWS(
                            $0, .jwsd, token: "T0K3N", key: key, at: $0.clock.now.advanced(by: .seconds(-3600))
                        ).0
                    }
                ),
                ("typ", { try await Self.sendJWS($0, .jws, token: "T0K3N", key: key).0 }),
            ]
            for (name, send) in cases {
                let reply = try await send(client)
                #expect(reply.status == .unauthorized, "\(name)")
                #expect(reply.error?.code == .invalidSignature, "\(name): \(reply.body)")
            }
            // An httpsig signature does not prove a jwsd-bound token.
            let signed = try await client.send(authorization: .gnap("T0K3N"), key: key)
            #expect(signed.status == .unauthorized)
        }
    }

    @Test func aReplayedJWSIsRefused() async throws {
        let harness = try Self.harness()
        let key = SigningKey.clientKey()
        harness.introspector.activate("T0K3N", Self.token(try Self.jwkValue(key, "jwsd"), harness))
        try await harness.run { client in
            let (first, proof) = try await Self.sendJWS(client, .jwsd, token: "T0K3N", key: key)
            #expect(first.status == .ok)
            let (again, _) = try await Self.sendJWS(client, .jwsd, token: "T0K3N", key: key, replaying: proof)
            #expect(again.status == .unauthorized)
            #expect(again.error?.code == .replayedRequest)
        }
    }

    // MARK: mtls

    /// Sends `GET /notes` presenting `token` with `certificate` (DER) in the trusted header, or none.
    static func sendMTLS(_ client: RSHarness.Client, token: String, certificate: [UInt8]?) async throws
        -> RSHarness.Client.Reply
    {
        var fields = HTTPFields()
        fields[.authorization] = "GNAP \(token)"
        if let certificate {
            fields[HTTPField.Name(certificateHeader)!] = ":\(Data(certificate).base64EncodedString()):"
        }
        let response = try await client.client.execute(uri: "/notes", method: .get, headers: fields)
        return RSHarness.Client.Reply(
            status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    @Test func anMTLSBoundTokenNeedsItsCertificate() async throws {
        let mine = try OpenSSLCertificate.selfSigned(commonName: "device", subjectAltNames: nil)
        let other = try OpenSSLCertificate.selfSigned(commonName: "other", subjectAltNames: nil)
        defer {
            mine.remove()
            other.remove()
        }
        let der = try mine.certificateDER()
        let harness = try Self.harness()
        let base64 = Data(der).base64EncodedString()
        harness.introspector.activate(
            "CERT", Self.token(ClientKeyValue(proof: ProofMethod(method: "mtls"), jwk: nil, cert: base64), harness))
        let thumbprint = try ClientCertificate(der: der).thumbprintS256
        harness.introspector.activate(
            "S256",
            Self.token(ClientKeyValue(proof: ProofMethod(method: "mtls"), jwk: nil, certS256: thumbprint), harness))
        let keyThumbprint = try #require(try ClientCertificate(der: der).publicJWK?.thumbprint())
        try await harness.run { client in
            for token in ["CERT", "S256"] {
                let ok = try await Self.sendMTLS(client, token: token, certificate: der)
                #expect(ok.status == .ok, "\(token): \(ok.body)")
                #expect(ok.body == "read by alice with \(keyThumbprint)")
                let absent = try await Self.sendMTLS(client, token: token, certificate: nil)
                #expect(absent.status == .unauthorized)
                #expect(absent.error?.code == .invalidSignature, "\(token): \(absent.body)")
                let wrong = try await Self.sendMTLS(client, token: token, certificate: try other.certificateDER())
                #expect(wrong.status == .unauthorized)
                #expect(wrong.error?.code == .invalidSignature)
                #expect(wrong.error?.errorDescription == "the TLS client certificate is not the client's certificate")
            }
        }
        #expect(harness.introspector.queries.first?.proof == "mtls")
    }

    @Test func withoutATrustedHeaderTheHeaderIsIgnored() async throws {
        let mine = try OpenSSLCertificate.selfSigned(commonName: "device", subjectAltNames: nil)
        defer { mine.remove() }
        let der = try mine.certificateDER()
        let harness = try RSHarness()
        harness.introspector.activate(
            "CERT",
            Self.token(
                ClientKeyValue(proof: ProofMethod(method: "mtls"), jwk: nil, cert: Data(der).base64EncodedString()),
                harness))
        try await harness.run { client in
            // No TLS connection and no trusted header: the claimed certificate proves nothing.
            let reply = try await Self.sendMTLS(client, token: "CERT", certificate: der)
            #expect(reply.status == .unauthorized)
            #expect(reply.error?.code == .invalidSignature)
        }
    }
}

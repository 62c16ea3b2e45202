import ChildProcessTestSupport
import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// A client instance of the harness AS that proves its requests with one of RFC 9635's four methods: httpsig
/// (§7.3.1), mtls (§7.3.2, its certificate carried by the trusted proxy header the harness AS is configured with),
/// jwsd (§7.3.3) or jws (§7.3.4).
struct ProvingClient: Sendable {
    enum Method: String, Sendable, CaseIterable {
        case httpsig, mtls, jwsd, jws

        var jws: JWSProof.Method? { self == .jwsd ? .jwsd : self == .jws ? .jws : nil }
    }

    /// The header the harness AS trusts for client certificates (``ASHarness/trustingClientCertificates``).
    static let certificateHeader = HTTPField.Name("Client-Cert")!

    var method: Method
    var key: SigningKey
    /// mtls: the client certificate (DER), made by openssl.
    var certificateDER: [UInt8]?

    init(_ method: Method) throws {
        self.method = method
        if method == .mtls {
            let made = try OpenSSLCertificate.selfSigned(commonName: "mtls client", subjectAltNames: nil)
            defer { made.remove() }
            certificateDER = try made.certificateDER()
            let pem = try String(contentsOfFile: made.keyPath, encoding: .utf8)
            key = try SigningKey(pem: pem, algorithm: .ecdsaP256SHA256)
        } else {
            key = .generateEd25519()
        }
        key.keyID = try key.publicJWK().thumbprint()
    }

    /// The same method with a new Ed25519 key (the new key of a rotation).
    func withNewKey() throws -> ProvingClient {
        var next = self
        next.key = .generateEd25519()
        next.key.keyID = try next.key.publicJWK().thumbprint()
        return next
    }

    /// `client.key` (§7.1): the certificate for mtls, the JWK (with `kid`) otherwise.
    var keyValue: ClientKeyValue {
        get throws {
            if method == .mtls {
                return ClientKeyValue(
                    proof: ProofMethod(method: "mtls"), jwk: nil,
                    cert: Data(try #require(certificateDER)).base64EncodedString())
            }
            var jwk = try key.publicJWK()
            jwk.kid = key.keyID
            return ClientKeyValue(proof: ProofMethod(method: method.rawValue), jwk: jwk)
        }
    }

    func grantRequest(access: [AccessRight] = [.reference("dolphin-metadata")]) throws -> GrantRequest {
        GrantRequest(
            accessToken: .single(AccessTokenRequest(access: access)),
            client: .value(ClientInstanceValue(key: try keyValue, display: ClientDisplay(name: "\(method) device"))),
            interact: InteractRequest(start: ["user_code"]))
    }

    /// The header value of the trusted proxy: RFC 9440 `Client-Cert`, the DER as a byte sequence.
    static func clientCertField(_ der: [UInt8]) -> String { ":\(Data(der).base64EncodedString()):" }

    /// Sends `content` to `path` with this client's proof (and with `newKey`'s for a rotation). `alter` changes the
    /// request after it was proven, to test refusals.
    func send(
        _ client: ASHarness.Client, _ httpMethod: HTTPRequest.Method, _ path: String, content: [UInt8] = [],
        token: String? = nil, rotatingTo newKey: SigningKey? = nil,
        alter: @escaping (inout HTTPRequest, inout [UInt8]) -> Void = { _, _ in }
    ) async throws -> ASHarness.Client.Reply {
        switch method {
        case .httpsig:
            return try await client.send(
                httpMethod, path, content: content, key: key, token: token, rotatingTo: newKey, tamper: alter)
        case .mtls:
            let field = Self.clientCertField(try #require(certificateDER))
            return try await client.send(httpMethod, path, content: content, token: token) { request, body in
                request.headerFields[Self.certificateHeader] = field
                alter(&request, &body)
            }
        case .jwsd, .jws:
            let jwsMethod = try #require(method.jws)
            let target = JWSProofRequest(
                method: httpMethod.rawValue, targetURI: ASHarness.base + path, accessToken: token, content: content)
            let now = client.clock.now
            let proof =
                try newKey.map {
                    try JWSProof.signRotation(jwsMethod, request: target, currentKey: key, newKey: $0, now: now)
                } ?? JWSProof.sign(jwsMethod, request: target, key: key, now: now)
            return try await client.send(
                httpMethod, path, content: proof.body, token: token,
                contentType: proof.contentType ?? "application/json"
            ) { request, body in
                if let detached = proof.detachedJWS { request.headerFields[JWSProof.detachedJWSField] = detached }
                alter(&request, &body)
            }
        }
    }
}

extension ASHarness {
    /// A harness AS that takes client certificates from ``ProvingClient/certificateHeader`` (as behind a TLS proxy).
    static func trustingClientCertificates(
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> ASHarness {
        try await ASHarness { configuration in
            configuration.trustedClientCertificateHeader = ProvingClient.certificateHeader.rawName
            configure(&configuration)
        }
    }
}

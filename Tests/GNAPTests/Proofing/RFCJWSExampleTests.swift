import GNAP
import HTTPMessageSignatures
import Testing

/// The JWS examples of RFC 9635 §7.3.3 and §7.3.4, checked as far as the text allows.
///
/// What can be checked: both JWS parse, and both RS256 signatures verify with the `gnap-rsa` key, whose modulus is
/// printed in the example bodies and which is also the key of the §7.3.2 example certificate. Their headers carry
/// every member §7.3.3 and §7.3.4 require.
///
/// What cannot: (1) both headers say `"typ":"gnap-binding+jwsd"`, the spelling of earlier drafts; the RFC text
/// defines `gnap-binding-jwsd` and `gnap-binding-jws`, so the proof verifier refuses them as the wrong type (and the
/// §7.3.4 example, an attached JWS, carries the detached type besides). (2) The §7.3.3 payload is a SHA-256 digest
/// of a body the RFC prints only in an altered form (folded, and missing a comma), so the digest cannot be
/// recomputed from the text. (3) The §7.3.4 payload is a request in a pre-RFC shape (`"proof"` beside `"key"`).
@Suite("RFC 9635 §7.3.3 and §7.3.4 JWS examples")
struct RFCJWSExampleTests {
    static let detachedJWS =
        "eyJhbGciOiJSUzI1NiIsImNyZWF0ZWQiOjE2MTg4ODQ0NzUsImh0bSI6IlBPU1QiLCJraWQiOiJnbmFwLXJzYSIsInR5cCI6ImduYXAt"
        + "YmluZGluZytqd3NkIiwidXJpIjoiaHR0cHM6Ly9zZXJ2ZXIuZXhhbXBsZS5jb20vZ25hcCJ9.PGiVuOZUcN1tRtUS6tx2b4cBgw9mPgX"
        + "G3IPB3wY7ctc.fUq-SV-A1iFN2MwCRW_yolVtT2_TZA2h5YeXUoi5F2Q2iToC0Tc4drYFOSHIX68knd68RUA7yHqCVP-ZQEd6aL32H69"
        + "e9zuMiw6O_s4TBKB3vDOvwrhYtDH6fX2hP70cQoO-47OwbqP-ifkrvI3hVgMX9TfjVeKNwnhoNnw3vbu7SNKeqJEbbwZfpESaGepS52x"
        + "NBlDNMYBQQXxM9OqKJaXffzLFEl-Xe0UnfolVtBraz3aPrPy1C6a4uT7wLda3PaTOVtgysxzii3oJWpuz0WP5kRujzDFwX_EOzW0jsjC"
        + "SkL-PXaKSpZgEjNjKDMg9irSxUISt1C1T6q3SzRgfuQ"

    static let attachedJWSBody =
        "eyJhbGciOiJSUzI1NiIsImNyZWF0ZWQiOjE2MTg4ODQ0NzUsImh0bSI6IlBPU1QiLCJraWQiOiJnbmFwLXJzYSIsInR5cCI6ImduYXAt"
        + "YmluZGluZytqd3NkIiwidXJpIjoiaHR0cHM6Ly9zZXJ2ZXIuZXhhbXBsZS5jb20vZ25hcCJ9.CnsKICAgICJhY2Nlc3NfdG9rZW4iOiB"
        + "7CiAgICAgICAgImFjY2VzcyI6IFsKICAgICAgICAgICAgImRvbHBoaW4tbWV0YWRhdGEiCiAgICAgICAgXQogICAgfSwKICAgICJpbnR"
        + "lcmFjdCI6IHsKICAgICAgICAic3RhcnQiOiBbInJlZGlyZWN0Il0sCiAgICAgICAgImZpbmlzaCI6IHsKICAgICAgICAgICAgIm1ldGh"
        + "vZCI6ICJyZWRpcmVjdCIsCiAgICAgICAgICAgICJ1cmkiOiAiaHR0cHM6Ly9jbGllbnQuZm9vL2NhbGxiYWNrIiwKICAgICAgICAgICA"
        + "gIm5vbmNlIjogIlZKTE82QTRDQVlMQlhIVFIwS1JPIgogICAgICAgIH0KICAgIH0sCiAgICAiY2xpZW50IjogewogICAgICAicHJvb2Y"
        + "iOiAiandzIiwKICAgICAgImtleSI6IHsKICAgICAgICAiandrIjogewogICAgICAgICAgICAia2lkIjogImduYXAtcnNhIiwKICAgICA"
        + "gICAgICAgImt0eSI6ICJSU0EiLAogICAgICAgICAgICAiZSI6ICJBUUFCIiwKICAgICAgICAgICAgImFsZyI6ICJSUzI1NiIsCiAgICA"
        + "gICAgICAgICJuIjogImhZT0otWE9LSVNkTU1TaG5fRzRXOW0yMG1UMFZXdFFCc21CQmtJMmNtUnQ0QWk4QmZZZEhzRnpBdFlLT2pwQlI"
        + "xUnBLcEptVkt4SUdOeTBnNlozYWQyWFlzaDhLb3dseVZ5OElrWjhOTXdTcmNVSUJaR1lYakhwd2p6dmZHdlhIXzVLSmxuUjNfdVJVcDR"
        + "aNFVqazJiQ2FLZWdEbjExVjJ2eEU0MWhxYVBVbmhSWnhlMGpSRVRkZHpzRTNtdTFTSzhkVENST2p3VWwxNG1VTm84aVRyVG00bjBxRGF"
        + "kejhCa1BvLXV2NEJDMGJ1blMwSzNiQV8zVWdWcDd6QmxRRm9GbkxUTzJ1V3BfbXVMRVdHbDY3Z0JxOU1PM2JyS1hmR2hpM2tPenl3end"
        + "QVHVxLWNWUUR5RU43YUwwU3hDYjNIYzRJZHFEYU1nOHFIVXlPYnBQaXREUSIKICAgICAgICB9CiAgICAgIH0KICAgICAgImRpc3BsYXk"
        + "iOiB7CiAgICAgICAgIm5hbWUiOiAiTXkgQ2xpZW50IERpc3BsYXkgTmFtZSIsCiAgICAgICAgInVyaSI6ICJodHRwczovL2NsaWVudC5"
        + "mb28vIgogICAgICB9LAogICAgfSwKICAgICJzdWJqZWN0IjogewogICAgICAgICJmb3JtYXRzIjogWyJpc3Nfc3ViIiwgIm9wYXF1ZSJ"
        + "dCiAgICB9Cn0K.MwNoVMQp5hVxI0mCs9LlOUdFtkDXaA1_eTvOXq7DOGrtDKH7q4vP2xUq3fH2jRAZqnobo0WdPP3eM3NH5QUjW8pa6_"
        + "QpwdIWkK7r-u_52puE0lPBp7J4U2w4l9gIbg8iknsmWmXeY5F6wiGT8ptfuEYGgmloAJd9LIeNvD3ULW2h2dz1Pn2eDnbyvgB0Ugae0B"
        + "oZB4f69fKWj8Z9wvTIjk1LZJN1PcL7_zT8Lrlic9aPyzT7Q9ovkd1s-4whE7TrnGUzFc5mgWUn_gsOpsP5mIIljoEEv-FqOW2RyNYulO"
        + "Zl0Q8EnnDHV_vPzrHlUarbGg4YffgtwkQhdK72-JOxYQ"

    static let request = JWSProofRequest(method: "POST", targetURI: "https://server.example.com/gnap")
    static let created: Int64 = 1_618_884_475

    /// The example key, from the JWK in the example bodies and from the example certificate: the same key.
    static func keys() throws -> [VerificationKey] {
        let fromJWK = try VerificationKey(jwk: RFCExampleCertificate.gnapRSA)
        let certificate = try ClientCertificate(keyValue: RFCExampleCertificate.keyValue)
        var fromCertificate = try #require(certificate.publicJWK)
        #expect(fromCertificate.n == RFCExampleCertificate.gnapRSAModulus && fromCertificate.e == "AQAB")
        fromCertificate.alg = "RS256"
        return [fromJWK, try VerificationKey(jwk: fromCertificate)]
    }

    @Test func detachedExampleParsesAndItsSignatureVerifies() throws {
        let jws = try CompactJWS(parsing: Self.detachedJWS)
        #expect(jws.header.alg == "RS256" && jws.header.kid == "gnap-rsa")
        #expect(jws.header["htm"] == .string("POST"))
        #expect(jws.header["uri"] == .string("https://server.example.com/gnap"))
        #expect(jws.header["created"] == .integer(Self.created))
        // §7.3.3: "This is hashed to the following Base64 encoded value".
        #expect(Base64URL.encode(jws.payload) == "PGiVuOZUcN1tRtUS6tx2b4cBgw9mPgXG3IPB3wY7ctc")
        for key in try Self.keys() { try jws.verify(with: key) }
        // The proof verifier gets as far as the type.
        var request = Self.request
        request.content = Array("{}".utf8)
        request.detachedJWS = Self.detachedJWS
        let result = JWSProof.verify(
            .jwsd, request: request, key: JWSProofKey(key: try Self.keys()[0], keyID: "gnap-rsa"),
            now: WallInstant(unixSeconds: Self.created))
        #expect(throws: JWSProofFailure.wrongType(expected: "gnap-binding-jwsd", found: "gnap-binding+jwsd")) {
            try result.get()
        }
    }

    @Test func attachedExampleParsesAndItsSignatureVerifies() throws {
        let jws = try CompactJWS(parsing: Self.attachedJWSBody)
        #expect(jws.header.alg == "RS256" && jws.header.kid == "gnap-rsa")
        #expect(jws.header["htm"] == .string("POST") && jws.header["created"] == .integer(Self.created))
        for key in try Self.keys() { try jws.verify(with: key) }
        let content = String(decoding: jws.payload, as: UTF8.self)
        #expect(content.contains(#""proof": "jws""#) && content.contains(#""kid": "gnap-rsa""#))
        var request = Self.request
        request.content = Array(Self.attachedJWSBody.utf8)
        #expect(Array(try JWSProof.unverifiedContent(.jws, request: request)) == jws.payload)
        let result = JWSProof.verify(
            .jws, request: request, key: JWSProofKey(key: try Self.keys()[0], keyID: "gnap-rsa"),
            now: WallInstant(unixSeconds: Self.created))
        #expect(throws: JWSProofFailure.wrongType(expected: "gnap-binding-jws", found: "gnap-binding+jwsd")) {
            try result.get()
        }
    }

    @Test func theExampleCertificateIsAnMTLSKey() throws {
        let der = try #require(MTLSProof.clientCertificate(fromField: RFCExampleCertificate.clientCertField))
        let binding = try ClientKeyBinding(
            ClientKeyValue(proof: ProofMethod(method: "mtls"), jwk: nil, cert: RFCExampleCertificate.keyValue),
            accepting: ["mtls"])
        #expect(binding.format == .cert)
        #expect(try MTLSProof.verify(clientCertificate: der, binding: binding).get().der == der)
        // The same key as a JWK is the same client instance.
        let jwkBinding = try ClientKeyBinding(
            ClientKeyValue(proof: ProofMethod(method: "mtls"), jwk: RFCExampleCertificate.gnapRSA), accepting: ["mtls"])
        #expect(jwkBinding.thumbprint == binding.thumbprint)
        #expect(try MTLSProof.verify(clientCertificate: der, binding: jwkBinding).get().der == der)
    }
}

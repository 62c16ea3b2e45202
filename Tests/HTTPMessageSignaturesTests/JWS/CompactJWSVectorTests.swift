import HTTPMessageSignatures
import Testing

/// Published JWS examples with deterministic signatures: signing must reproduce them byte for byte, and
/// verifying must accept them.
@Suite("Compact JWS: RFC 7515 and RFC 8037 examples")
struct CompactJWSVectorTests {
    /// RFC 7515 Appendix A.1: HS256. The header has a CRLF and a space inside, so it is taken as printed.
    static let a1 =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let a1Key = JWK(
        kty: "oct", k: "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")

    /// RFC 8037 Appendix A.4: Ed25519 over "Example of Ed25519 signing".
    static let ed25519 =
        "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
        + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
    static let ed25519Key = JWK(
        kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
        d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")

    @Test func hs256ExampleVerifiesWithTheSharedKeyOnly() throws {
        let jws = try CompactJWS(parsing: Self.a1)
        #expect(jws.header.alg == "HS256" && jws.header.typ == "JWT")
        #expect(String(decoding: jws.payload, as: UTF8.self).hasPrefix(#"{"iss":"joe","#))
        try jws.verify(with: try VerificationKey(jwk: Self.a1Key))
        // The same JWS under an asymmetric key is the classic confusion; it is refused before any MAC is computed.
        let publicKey = try VerificationKey(jwk: Self.ed25519Key.publicKey)
        #expect(throws: CompactJWS.Failure.macWithoutSharedSecret("HS256")) { try jws.verify(with: publicKey) }
    }

    @Test func ed25519ExampleIsReproducedAndVerified() throws {
        let key = try SigningKey(jwk: Self.ed25519Key)
        let payload = Array("Example of Ed25519 signing".utf8)
        #expect(try CompactJWS.sign(payload: payload, key: key).compact == Self.ed25519)
        let jws = try CompactJWS(parsing: Self.ed25519)
        try jws.verify(with: try VerificationKey(jwk: Self.ed25519Key.publicKey))
        #expect(jws.payload == payload)
        #expect(jws.signature.count == 64)
        #expect(try CompactJWS.verify(Self.ed25519, keys: [Self.ed25519Key.publicKey]).payload == payload)
    }
}

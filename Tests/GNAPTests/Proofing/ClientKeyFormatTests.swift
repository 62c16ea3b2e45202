import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

/// Key formats (§7.1) and which go with which proofing method (§7.3).
@Suite("Client key formats: jwk, cert, cert#S256")
struct ClientKeyFormatTests {
    static let all = Set(ClientKeyBinding.proofMethods)

    func bind(
        _ method: String, jwk: JWK? = nil, cert: String? = nil, certS256: String? = nil,
        clientCertificate: ClientCertificate? = nil
    ) throws(GNAPError) -> ClientKeyBinding {
        try ClientKeyBinding(
            ClientKeyValue(proof: ProofMethod(method: method), jwk: jwk, cert: cert, certS256: certS256),
            accepting: Self.all, clientCertificate: clientCertificate)
    }

    func expectRefused(
        _ mentioning: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("accepted, expected a refusal mentioning \(mentioning)", sourceLocation: sourceLocation)
        } catch let error as GNAPError {
            #expect(error.code == .invalidClient, sourceLocation: sourceLocation)
            #expect(error.errorDescription?.contains(mentioning) == true, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("refused with \(error), expected a GNAPError", sourceLocation: sourceLocation)
        }
    }

    @Test func theWireFormsDecodeAndEncode() throws {
        let json = #"{"proof":"mtls","cert#S256":"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"}"#
        let key = try GNAPJSON.decode(ClientKeyValue.self, from: Array(json.utf8))
        #expect(key.proof.method == "mtls" && key.certS256 == "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")
        #expect(key.jwk == nil && key.cert == nil)
        let encoded = String(decoding: try GNAPJSON.encode(key), as: UTF8.self)
        #expect(encoded.contains(#""cert#S256":"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2""#))
        // A JWK key encodes as before: no member for the absent formats.
        let jwkKey = ClientKeyValue(proof: .httpsig, jwk: JWK(kty: "OKP", crv: "Ed25519", x: "AA"))
        let jwkJSON = String(decoding: try GNAPJSON.encode(jwkKey), as: UTF8.self)
        #expect(!jwkJSON.contains("cert"))
    }

    @Test func exactlyOneFormat() throws {
        let certified = try CertifiedKey.ed25519()
        let jwk = try certified.signingKey.publicJWK()
        expectRefused("exactly one format") { _ = try bind("httpsig") }
        expectRefused("exactly one format") { _ = try bind("httpsig", jwk: jwk, cert: certified.pem) }
        expectRefused("exactly one format") {
            _ = try bind("mtls", cert: certified.pem, certS256: certified.certificate.thumbprintS256)
        }
    }

    @Test func everyMethodTakesAJWKAndACertificate() throws {
        let certified = try CertifiedKey.ed25519(keyID: "ed-key")
        let jwk = try certified.signingKey.publicJWK()
        let identity = try jwk.thumbprint()
        for method in ClientKeyBinding.proofMethods {
            let byJWK = try bind(method, jwk: jwk)
            #expect(byJWK.format == .jwk && byJWK.thumbprint == identity && byJWK.algorithm == .ed25519)
            // PEM with header, footer and line breaks, or the bare base64 body: the same certificate.
            for form in [certified.pem, certified.certificateBase64] {
                let byCert = try bind(method, cert: form)
                #expect(byCert.format == .cert, "\(method)")
                // The same key is the same client instance, whatever its format.
                #expect(byCert.thumbprint == identity && byCert.algorithm == .ed25519)
                #expect(byCert.jwk == jwk.publicKey.withoutKeyID)
                #expect(byCert.certificateThumbprint == certified.certificate.thumbprintS256)
                #expect(
                    byCert.keyValue
                        == ClientKeyValue(
                            proof: ProofMethod(method: method), jwk: nil, cert: certified.certificateBase64))
            }
        }
    }

    @Test func aThumbprintGoesWithMTLSOnlyAndNeedsTheTLSCertificate() throws {
        let certified = try CertifiedKey.p256()
        let thumbprint = certified.certificate.thumbprintS256
        for method in ["httpsig", "jwsd", "jws"] {
            expectRefused("only be used with mtls") { _ = try bind(method, certS256: thumbprint) }
        }
        expectRefused("none was presented") { _ = try bind("mtls", certS256: thumbprint) }
        let other = try CertifiedKey.p256()
        expectRefused("does not match") {
            _ = try bind("mtls", certS256: thumbprint, clientCertificate: other.certificate)
        }
        expectRefused("not a base64url SHA-256 thumbprint") {
            _ = try bind("mtls", certS256: "abc", clientCertificate: certified.certificate)
        }
        let binding = try bind("mtls", certS256: thumbprint, clientCertificate: certified.certificate)
        #expect(binding.format == .certS256 && binding.certificateThumbprint == thumbprint)
        #expect(binding.jwk == certified.certificate.publicJWK && binding.algorithm == .ecdsaP256SHA256)
        #expect(binding.keyValue == ClientKeyValue(proof: ProofMethod(method: "mtls"), jwk: nil, certS256: thumbprint))
        // The same digest in standard base64, as some deployed clients send it, names the same certificate.
        let digest = Base64URL.decode(thumbprint)!
        let standard = Data(digest).base64EncodedString()
        #expect(standard.hasSuffix("="))
        let lenient = try bind("mtls", certS256: standard, clientCertificate: certified.certificate)
        #expect(lenient.certificateThumbprint == thumbprint)
    }

    @Test func anRSACertificateSignsOnlyWithADeclaredAlgorithm() throws {
        let certified = try CertifiedKey.rsa()
        let mtls = try bind("mtls", cert: certified.pem)
        #expect(mtls.jwk.kty == "RSA" && mtls.jwk.alg == nil)
        for method in ["jwsd", "jws", "httpsig"] {
            expectRefused("RSA certificate") { _ = try bind(method, cert: certified.pem) }
        }
        let objectForm = ProofMethod(method: "httpsig", algorithm: "rsa-pss-sha512", contentDigestAlgorithm: "sha-256")
        let declared = try ClientKeyBinding(
            ClientKeyValue(proof: objectForm, jwk: nil, cert: certified.pem), accepting: ["httpsig"])
        #expect(declared.algorithm == .rsaPSSSHA512)
    }

    @Test func theMethodsRulesOnJWKs() throws {
        let key = SigningKey.generateEd25519(keyID: nil)
        let withoutKid = try key.publicJWK()
        // §7.3.3, §7.3.4: the JWS header repeats the JWK's kid.
        for method in ["jwsd", "jws"] {
            expectRefused("needs 'kid'") { _ = try bind(method, jwk: withoutKid) }
        }
        _ = try bind("httpsig", jwk: withoutKid)
        var none = withoutKid
        none.alg = "none"
        expectRefused("must not be 'none'") { _ = try bind("httpsig", jwk: none) }
        var withKid = withoutKid
        withKid.kid = "k"
        let objectForm = ProofMethod(method: "jws", algorithm: "ed25519", contentDigestAlgorithm: "sha-256")
        expectRefused("parameters of httpsig") {
            _ = try ClientKeyBinding(ClientKeyValue(proof: objectForm, jwk: withKid), accepting: Self.all)
        }
        expectRefused("not supported") { _ = try bind("dpop", jwk: withKid) }
        // The AS's own entry point accepts what it verifies today.
        expectRefused("not supported") {
            _ = try ClientKeyBinding(ClientKeyValue(proof: ProofMethod(method: "jwsd"), jwk: withKid))
        }
    }

    @Test func malformedCertificatesAreRefused() throws {
        expectRefused("not a PEM or base64 DER X.509 certificate") {
            _ = try bind("mtls", cert: "MIIEHDCCAwSgAwIBAgIBATANBgkqhkiG9w0BAQsFA...")
        }
        expectRefused("not a PEM or base64 DER X.509 certificate") {
            _ = try bind("mtls", cert: "-----BEGIN CERTIFICATE-----\nAAAA")
        }
        expectRefused("not a PEM or base64 DER X.509 certificate") {
            _ = try bind("mtls", cert: Data("not DER".utf8).base64EncodedString())
        }
        expectRefused("larger than") { _ = try bind("mtls", cert: String(repeating: "A", count: 30_000)) }
        // DER with anything after the certificate is not that certificate (its thumbprint would differ).
        let trailing = Data(try CertifiedKey.ed25519().certificateDER + [0]).base64EncodedString()
        expectRefused("not a PEM or base64 DER X.509 certificate") { _ = try bind("mtls", cert: trailing) }
    }

    @Test func storedBindingsFromBeforeCertificatesStillDecode() throws {
        let key = SigningKey.generateEd25519(keyID: "k")
        let binding = try ClientKeyBinding(ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK()))
        var stored = try JSONSerialization.jsonObject(with: Data(try JSONEncoder().encode(binding))) as! [String: Any]
        #expect(stored["certificate"] == nil && stored["certificateThumbprint"] == nil)
        stored.removeValue(forKey: "certificate")
        let old = try JSONSerialization.data(withJSONObject: stored)
        #expect(try JSONDecoder().decode(ClientKeyBinding.self, from: old) == binding)
    }
}

extension JWK {
    fileprivate var withoutKeyID: JWK {
        var copy = self
        copy.kid = nil
        return copy
    }
}

import Crypto
import Foundation
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// The vector runner: every signed example of RFC 9421 and RFC 9635 in the vector file, requests and responses,
/// each check reported per case name.
@Suite("RFC 9421 vector runner")
struct VectorCaseTests {
    @Test func theFileHoldsEverySignedExample() throws {
        let vectors = try VectorCatalog.vectors()
        #expect(vectors.cases.count == 17)
        #expect(Set(vectors.cases.map(\.name)).count == vectors.cases.count)
        #expect(vectors.cases.contains { $0.targetMessageType == "response" })
        // Every case can serve; the example that cannot is listed apart (VectorMessageTests.unverifiableExample).
        #expect(vectors.cases.allSatisfy { $0.verifiableWithPublishedKey })
    }

    @Test("the message carries the case's signature fields", arguments: try VectorCatalog.caseNames())
    func messageCarriesTheCaseFields(name: String) throws {
        let run = try VectorRun(name)
        #expect(run.message.headerFields[.signatureInput] == run.testCase.signatureInput)
        #expect(run.message.headerFields[.signature] == run.testCase.signature)
        #expect(run.received.components.map(\.serialized) == run.testCase.covered)
        #expect(run.received.signature == Array(try #require(Data(base64Encoded: run.testCase.signatureB64))))
    }

    @Test("the signature base is rebuilt byte for byte", arguments: try VectorCatalog.caseNames())
    func rebuildsSignatureBase(name: String) throws {
        let run = try VectorRun(name)
        let base = try run.rebuiltBase()
        #expect(base.bytes == Array(run.testCase.signatureBase.utf8))
    }

    @Test("the Signature-Input member re-serializes exactly", arguments: try VectorCatalog.caseNames())
    func signatureInputReserializes(name: String) throws {
        let run = try VectorRun(name)
        let base = try run.rebuiltBase()
        #expect(base.signatureParamsValue == run.testCase.signatureParamsValue)
        // Parameters keep the order in which they were received (proxy_sig puts alg and expires after keyid).
        #expect(base.signatureParamsValue.hasSuffix(")" + run.testCase.paramsSerialized))
        let parameters = run.received.parameters
        for (name, value) in run.testCase.params {
            let received: VectorFile.ParameterValue? =
                switch name {
                case "created": parameters.created.map { .integer($0) }
                case "expires": parameters.expires.map { .integer($0) }
                case "nonce": parameters.nonce.map { .string($0) }
                case "alg": parameters.algorithm.map { .string($0) }
                case "keyid": parameters.keyID.map { .string($0) }
                case "tag": parameters.tag.map { .string($0) }
                default: nil
                }
            #expect(received == value, "parameter \(name)")
        }
        #expect(parameters.ordered.count == run.testCase.params.count)
    }

    @Test("the signature verifies with every published form of the key", arguments: try VectorCatalog.caseNames())
    func verifiesWithPublishedKeys(name: String) throws {
        let run = try VectorRun(name)
        let forms = try run.vectors.verificationKeys(for: run.testCase)
        #expect(!forms.isEmpty)
        for (form, key) in forms {
            let result = run.verify(run.message, with: key)
            let verified = try #require(result.verified, "\(form): \(result)")
            #expect(verified.label == run.label, "\(form)")
            #expect(verified.base.text == run.testCase.signatureBase, "\(form)")
        }
    }

    /// gnap-rsa is printed with `alg: RS256` but its signatures are RSA-PSS SHA-512 (see the key's description and
    /// the case notes): the key as printed is refused for rsa-pss-sha512, and the signature does not verify as RS256.
    @Test func jwkAlgorithmErrataAreExplainedAndRefused() throws {
        let vectors = try VectorCatalog.vectors()
        let errata = try vectors.cases.filter { try vectors.printedJWKAlgorithmErratum(for: $0) != nil }
        #expect(Set(errata.map(\.keyId)) == ["gnap-rsa"])
        #expect(errata.count == 2)
        for testCase in errata {
            let run = try VectorRun(testCase.name)
            let jwk = try #require(vectors.keys[testCase.keyId]?.jwk?.publicKey)
            #expect(throws: KeyError.self) { try VerificationKey(jwk: jwk, algorithm: run.algorithm) }
            let asPrinted = try VerificationKey(jwk: jwk)
            #expect(asPrinted.algorithm == .rsaV15SHA256)
            #expect(run.outcome(of: run.message, with: asPrinted) == .failed(.invalidSignature), "\(testCase.name)")
        }
    }

    @Test(
        "deterministic signatures are reproduced, randomized ones round-trip", arguments: try VectorCatalog.caseNames())
    func reproducesOrRoundTrips(name: String) throws {
        let run = try VectorRun(name)
        let published = try #require(Data(base64Encoded: run.testCase.signatureB64))
        let verificationKey = try run.publishedKey()
        let forms = try run.vectors.signingKeys(for: run.testCase)
        #expect(!forms.isEmpty)
        for (form, key) in forms {
            let (signed, base) = try run.signedAgain(with: key)
            #expect(base.text == run.testCase.signatureBase, "\(form)")
            #expect(signed.headerFields[.signatureInput] == run.testCase.signatureInput, "\(form)")
            if run.testCase.deterministic {
                // §3.3.2, §3.3.3, §3.3.6: RSASSA-PKCS1-v1_5, HMAC and Ed25519 give the same bytes every time.
                #expect(try key.sign(base.bytes) == Array(published), "\(form)")
                #expect(signed.headerFields[.signature] == run.testCase.signature, "\(form)")
            } else {
                // RSA-PSS and ECDSA are randomized: a fresh signature differs and must verify.
                #expect(signed.headerFields[.signature] != run.testCase.signature, "\(form)")
            }
            #expect(run.outcome(of: signed, with: verificationKey) == .verified, "\(form)")
        }
    }
}

extension VectorCaseTests {
    /// Keys the RFCs give no material for (P-384: §3.3.5 defines ecdsa-p384-sha384, Appendix B has no key or vector)
    /// are marked absent; that algorithm is checked by a round trip with a fresh key over the B.2 test request.
    @Test("a key the file marks absent is replaced by a fresh one", arguments: try VectorCatalog.keyNames())
    func absentKey(name: String) throws {
        let vectors = try VectorCatalog.vectors()
        let key = try #require(vectors.keys[name])
        guard key.present == false else {
            #expect(key.jwk != nil || key.base64 != nil, "\(name) has no material")
            return
        }
        #expect(key.description?.contains("ecdsa-p384-sha384") == true)
        let fresh = P384.Signing.PrivateKey()
        let raw = fresh.publicKey.rawRepresentation
        let jwk = JWK(
            kty: "EC", crv: "P-384", x: Base64URL.encode(raw.prefix(48)), y: Base64URL.encode(raw.suffix(48)),
            d: Base64URL.encode(fresh.rawRepresentation), kid: name)
        let signingKey = try SigningKey(jwk: jwk, algorithm: .ecdsaP384SHA384)
        var request = try vectors.httpRequest("test-request")
        try MessageSigner.sign(
            &request, label: "sig-p384", components: [.method, .path, .authority, .field("content-digest")],
            parameters: SignatureParameters(created: VectorCatalog.now, keyID: name), key: signingKey)
        let verificationKey = try VerificationKey(jwk: jwk.publicKey)
        let result = MessageVerifier.verify(.request(request), policy: VectorCatalog.policy) { _ in verificationKey }
        let verified = try #require(result.verified, "\(result)")
        #expect(verified.signature.signature.count == 96)  // raw r‖s, 48 + 48 bytes (§3.3.5)
        request.method = .put
        #expect(
            MessageVerifier.verify(.request(request), policy: VectorCatalog.policy) { _ in verificationKey }.verified
                == nil)
    }
}

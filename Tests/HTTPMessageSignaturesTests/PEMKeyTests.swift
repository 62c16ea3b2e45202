import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("PEM keys")
struct PEMKeyTests {
    let vectors: VectorFile

    init() throws { vectors = try VectorFile.load() }

    /// Every published signature verifies with the key read from its PEM form (SPKI, PKCS#1, and the RSASSA-PSS
    /// OID of B.1.2), and PEM private keys sign exactly like their JWK twins where the algorithm is deterministic.
    @Test(arguments: [
        "B.2.1-minimal-rsa-pss", "B.2.5-hmac-sha256", "B.2.6-ed25519", "sec4.3-client-sig1",
        "sec4.3-proxy_sig-rsa-v1_5",
    ])
    func pemKeysMatchTheirJWKs(name: String) throws {
        let testCase = try vectors.testCase(name)
        guard let key = vectors.keys[testCase.keyId], let publicPEM = key.publicPem, let privatePEM = key.privatePem
        else { return }  // the shared secret has no PEM form
        let algorithm = try #require(SignatureAlgorithm(rawValue: testCase.alg))
        var request = try vectors.request(testCase.message)
        request.headerFields[.signatureInput] = testCase.signatureInput
        request.headerFields[.signature] = testCase.signature
        let publicKey = try VerificationKey(pem: publicPEM, algorithm: algorithm)
        let result = MessageVerifier.verify(
            .request(request), policy: VerificationPolicy(requireCreated: false, maximumAge: nil, now: 1_618_884_480)
        ) { _ in publicKey }
        #expect(result.verified != nil, "\(result)")
        let fromPEM = try SigningKey(pem: privatePEM, algorithm: algorithm)
        let fromJWK = try vectors.signingKey(for: testCase)
        let base = Array(testCase.signatureBase.utf8)
        let pemSignature = try fromPEM.sign(base)
        #expect(fromJWK.verificationKey.isValidSignature(pemSignature, over: base))
        if algorithm == .ed25519 || algorithm == .rsaV15SHA256 {
            #expect(pemSignature == (try fromJWK.sign(base)))
        }
    }

    @Test func keyTypeMustFitTheAlgorithm() throws {
        let ed = try #require(vectors.keys["test-key-ed25519"]?.publicPem)
        #expect(throws: KeyError.self) { try VerificationKey(pem: ed, algorithm: .ecdsaP256SHA256) }
        let rsaPSS = try #require(vectors.keys["test-key-rsa-pss"]?.privatePem)
        // A key whose identifier says RSASSA-PSS must not be used for PKCS#1 v1.5.
        #expect(throws: KeyError.self) { try SigningKey(pem: rsaPSS, algorithm: .rsaV15SHA256) }
        let ec = try #require(vectors.keys["test-key-ecc-p256"]?.privatePem)
        #expect(throws: KeyError.self) { try SigningKey(pem: ec, algorithm: .ecdsaP384SHA384) }
        #expect(throws: KeyError.self) { try SigningKey(pem: ed, algorithm: .ed25519) }
    }

    @Test func malformedPEMIsATypedError() {
        for text in [
            "", "not pem", "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----",
            "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----",
        ] {
            #expect(throws: KeyError.self) { try VerificationKey(pem: text, algorithm: .ed25519) }
            #expect(throws: KeyError.self) { try SigningKey(pem: text, algorithm: .ed25519) }
        }
    }
}

import HTTPMessageSignatures
import HTTPSigTool
import Testing

@Suite("httpsig verify")
struct VerifyTests {
    static let vectors = ToolVectors.shared
    /// Shortly after the vectors' `created` times, before the proxy signature's `expires`.
    static let now: Int64 = 1_618_884_500

    static func keyText(_ keyID: String) -> String {
        vectors.publicPEM(keyID) ?? vectors.jwkText(keyID)
    }

    /// What `verify` prints after "LABEL: verified" for each vector: what it found when it checked the message's
    /// Content-Digest (and the related request's) against the body.
    static let digestReports: [String: [String]] = {
        let covered = { (label: String) in "Content-Digest matches the body (sha-512), covered by \(label)" }
        let uncovered = { (label: String) in
            "Content-Digest matches the body (sha-512), but \(label) does not cover it: the body is not signed"
        }
        let request = "Content-Digest of --request matches its body (sha-512), covered by reqres"
        return [
            "sec2.5-3.1-3.2-rsa-pss": [covered("sig1")],
            "sec2.4-reqres-response-signature": [covered("reqres"), request],
            "sec2.4-signed-request-sig1": [covered("sig1")],
            "sec2.4-reqres-2-response-signature": [covered("reqres"), request],
            "sec4.3-client-sig1": [covered("sig1")],
            "sec4.3-proxy_sig-rsa-v1_5": [covered("proxy_sig")],
            "B.2.1-minimal-rsa-pss": [uncovered("sig-b21")],
            "B.2.2-selective-rsa-pss": [covered("sig-b22")],
            "B.2.3-full-coverage-rsa-pss": [covered("sig-b23")],
            "B.2.4-response-ecdsa-p256": [covered("sig-b24")],
            "B.2.5-hmac-sha256": [uncovered("sig-b25")],
            "B.2.6-ed25519": [uncovered("sig-b26")],
            "B.3-tls-terminating-proxy-ecdsa": ["no Content-Digest: the body is not signed"],
            "B.4-transform-ed25519": [],
            "gnap-7.2-access-token-rsa-pss": [],
            "gnap-7.3.1.1-rotation-old-key-ecdsa": [covered("old-key")],
        ]
    }()

    /// Every published signature verifies from the message text with its public key (PEM where the RFC prints one),
    /// and so does the body against its Content-Digest. RFC 9635 §7.3.1's body is not byte-exact (see below).
    @Test(arguments: ToolVectors.shared.cases.map(\.name).filter { $0 != "gnap-7.3.1-httpsig-rsa-pss" })
    func verifiesEveryVector(name: String) throws {
        let testCase = Self.vectors.testCase(name)
        let related = BaseTests.relatedRequests[name].map(Self.vectors.messageBytes)
        let result = try HTTPSigTool.verify(
            Self.vectors.signedMessage(testCase),
            options: VerifyOptions(
                key: Self.keyText(testCase.keyID), algorithm: testCase.algorithm, label: testCase.label,
                relatedRequest: related, now: Self.now))
        let reports = try #require(Self.digestReports[name])
        #expect(result == (["\(testCase.label): verified"] + reports).map { $0 + "\n" }.joined())
    }

    /// The vector file notes that RFC 9635 §7.3.1 prints a body that is not the one its Content-Digest was computed
    /// over (it is not even JSON): the signature verifies, the message does not.
    @Test func theGNAPExampleBodyDoesNotMatchItsDigest() throws {
        let testCase = Self.vectors.testCase("gnap-7.3.1-httpsig-rsa-pss")
        #expect(
            throws: HTTPSigToolError.contentDigest(
                label: "sig1",
                [
                    ContentDigestFinding(
                        place: DigestFieldPlace(), outcome: .mismatch(.sha256), contentIsEmpty: false, isCovered: true)
                ])
        ) {
            try HTTPSigTool.verify(
                Self.vectors.signedMessage(testCase),
                options: VerifyOptions(
                    key: Self.keyText(testCase.keyID), algorithm: testCase.algorithm, tag: "gnap", now: Self.now))
        }
    }

    /// RFC 9421 B.4: transformations that keep the covered components keep the signature valid; the others break it.
    @Test func theTransformationExamples() throws {
        let options = VerifyOptions(
            key: KeyForm.publicPEM.text("test-key-ed25519"), algorithm: .ed25519, label: "transform", now: Self.now)
        for name in [
            "B.4-original", "B.4-valid-added-query-and-accept-language",
            "B.4-valid-date-removed-referer-added-accept-collapsed", "B.4-valid-fields-reordered",
        ] {
            #expect(
                try HTTPSigTool.verify(Self.vectors.messageBytes(name), options: options) == "transform: verified\n")
        }
        for name in ["B.4-INVALID-method-and-authority-changed", "B.4-INVALID-accept-instances-swapped"] {
            #expect(
                throws: HTTPSigToolError.notVerified([SignatureFailure(label: "transform", reason: .invalidSignature)])
            ) {
                try HTTPSigTool.verify(Self.vectors.messageBytes(name), options: options)
            }
        }
    }

    @Test func aTamperedBodyDigestFailsWithTheReason() {
        let tampered = Self.vectors.messageText("sec3.2-signed-request").replacingOccurrences(
            of: "Content-Length: 18", with: "Content-Length: 19")
        #expect(throws: HTTPSigToolError.notVerified([SignatureFailure(label: "sig1", reason: .invalidSignature)])) {
            try HTTPSigTool.verify(
                Array(tampered.utf8),
                options: VerifyOptions(
                    key: Self.keyText("test-key-rsa-pss"), algorithm: .rsaPSSSHA512, label: "sig1", now: Self.now))
        }
    }

    /// The proxy message carries two signatures: the client's no longer verifies (the Host changed), the proxy's
    /// does. The key picks the signature; the label may narrow it down.
    @Test func choosesBetweenSeveralSignaturesByKeyAndLabel() throws {
        let message = Self.vectors.messageBytes("sec4.3-proxy-request-final")
        let rsa = VerifyOptions(key: Self.keyText("test-key-rsa"), algorithm: .rsaV15SHA256, now: Self.now)
        #expect(
            try HTTPSigTool.verify(message, options: rsa)
                == "proxy_sig: verified\nContent-Digest matches the body (sha-512), covered by proxy_sig\n")
        var client = VerifyOptions(key: Self.keyText("test-key-ecc-p256"), algorithm: .ecdsaP256SHA256, now: Self.now)
        #expect(
            throws: HTTPSigToolError.notVerified([
                SignatureFailure(label: "sig1", reason: .invalidSignature),
                SignatureFailure(
                    label: "proxy_sig", reason: .algorithmMismatch(declared: "rsa-v1_5-sha256", key: .ecdsaP256SHA256)),
            ])
        ) {
            try HTTPSigTool.verify(message, options: client)
        }
        client.label = "sig1"
        #expect(throws: HTTPSigToolError.notVerified([SignatureFailure(label: "sig1", reason: .invalidSignature)])) {
            try HTTPSigTool.verify(message, options: client)
        }
        client.label = "sig9"
        #expect(throws: HTTPSigToolError.noSuchSignature("sig9")) { try HTTPSigTool.verify(message, options: client) }
    }

    @Test func theTagFiltersSignatures() throws {
        let message = Self.vectors.signedMessage(Self.vectors.testCase("B.2.2-selective-rsa-pss"))
        var options = VerifyOptions(
            key: Self.keyText("test-key-rsa-pss"), algorithm: .rsaPSSSHA512, tag: "header-example", now: Self.now)
        #expect(
            try HTTPSigTool.verify(message, options: options)
                == "sig-b22: verified\nContent-Digest matches the body (sha-512), covered by sig-b22\n")
        options.tag = "gnap"
        #expect(
            throws: HTTPSigToolError.notVerified([SignatureFailure(label: nil, reason: .noSignatureWithTag("gnap"))])
        ) {
            try HTTPSigTool.verify(message, options: options)
        }
        options.label = "sig-b22"
        #expect(throws: HTTPSigToolError.tagMismatch(label: "sig-b22", required: "gnap", actual: "header-example")) {
            try HTTPSigTool.verify(message, options: options)
        }
    }

    @Test func ageAndExpiry() throws {
        let message = Self.vectors.messageBytes("sec3.2-signed-request")
        let verified = "sig1: verified\nContent-Digest matches the body (sha-512), covered by sig1\n"
        var options = VerifyOptions(
            key: Self.keyText("test-key-rsa-pss"), algorithm: .rsaPSSSHA512, now: 1_618_884_473 + 10 * 365 * 86_400)
        // No age limit by default.
        #expect(try HTTPSigTool.verify(message, options: options) == verified)
        options.maximumAge = 60
        options.now = 1_618_884_473 + 91
        #expect(
            throws: HTTPSigToolError.notVerified([
                SignatureFailure(label: "sig1", reason: .tooOld(created: 1_618_884_473, now: 1_618_884_473 + 91))
            ])
        ) {
            try HTTPSigTool.verify(message, options: options)
        }
        options.now = 1_618_884_473 + 60
        #expect(try HTTPSigTool.verify(message, options: options) == verified)
        options.maximumAge = -1
        #expect(throws: HTTPSigToolError.negativeMaximumAge(-1)) { try HTTPSigTool.verify(message, options: options) }
        options.maximumAge = nil
        options.now = 1_618_884_400
        #expect(
            throws: HTTPSigToolError.notVerified([
                SignatureFailure(label: "sig1", reason: .createdInFuture(created: 1_618_884_473, now: 1_618_884_400))
            ])
        ) {
            try HTTPSigTool.verify(message, options: options)
        }
        let proxy = VerifyOptions(
            key: Self.keyText("test-key-rsa"), algorithm: .rsaV15SHA256, label: "proxy_sig", now: 1_618_884_600)
        #expect(
            throws: HTTPSigToolError.notVerified([
                SignatureFailure(label: "proxy_sig", reason: .expired(expires: 1_618_884_540, now: 1_618_884_600))
            ])
        ) {
            try HTTPSigTool.verify(Self.vectors.messageBytes("sec4.3-proxy-request-final"), options: proxy)
        }
    }

    @Test func theWrongKeyOrAlgorithmFails() {
        let message = Self.vectors.messageBytes("sec3.2-signed-request")
        #expect(throws: HTTPSigToolError.notVerified([SignatureFailure(label: "sig1", reason: .invalidSignature)])) {
            try HTTPSigTool.verify(
                message,
                options: VerifyOptions(key: Self.keyText("test-key-rsa"), algorithm: .rsaPSSSHA512, now: Self.now))
        }
        #expect(throws: HTTPSigToolError.key(.algorithmMismatch(key: "EC/P-256", algorithm: "rsa-pss-sha512"))) {
            try HTTPSigTool.verify(
                message,
                options: VerifyOptions(
                    key: KeyForm.jwk.text("test-key-ecc-p256"), algorithm: .rsaPSSSHA512, now: Self.now))
        }
    }

    @Test func anUnsignedMessage() {
        #expect(throws: HTTPSigToolError.notVerified([SignatureFailure(label: nil, reason: .noSignatures)])) {
            try HTTPSigTool.verify(
                Self.vectors.messageBytes("test-request"),
                options: VerifyOptions(key: Self.keyText("test-key-ed25519"), algorithm: .ed25519, now: Self.now))
        }
    }

    @Test func theHMACVectorVerifiesWithTheSharedSecret() throws {
        let signed = try HTTPSigTool.sign(
            Self.vectors.messageBytes("test-request"),
            options: SignTests.options(
                Self.vectors.testCase("B.2.5-hmac-sha256"), key: KeyForm.jwk.text("test-shared-secret")))
        #expect(
            try HTTPSigTool.verify(
                signed,
                options: VerifyOptions(
                    key: KeyForm.jwk.text("test-shared-secret"), algorithm: .hmacSHA256, now: Self.now))
                == "sig-b25: verified\nContent-Digest matches the body (sha-512), but sig-b25 does not cover it: "
                + "the body is not signed\n")
        #expect(throws: HTTPSigToolError.notVerified([SignatureFailure(label: "sig-b25", reason: .invalidSignature)])) {
            try HTTPSigTool.verify(
                signed,
                options: VerifyOptions(
                    key: "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}", algorithm: .hmacSHA256, now: Self.now))
        }
    }
}

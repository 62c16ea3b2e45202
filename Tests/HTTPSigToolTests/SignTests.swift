import Foundation
import HTTPMessageSignatures
import HTTPSigTool
import Testing

@Suite("httpsig sign")
struct SignTests {
    static let vectors = ToolVectors.shared

    /// The vector's message with the case's `Signature-Input` and `Signature` appended as new field lines.
    static func expectedSigned(message: String, testCase: ToolVectors.Case) -> String {
        ToolVectors.withSignature(vectors.messageText(message), testCase)
    }

    static func options(_ testCase: ToolVectors.Case, key: String) -> SignOptions {
        SignOptions(
            key: key, algorithm: testCase.algorithm, label: testCase.label,
            covered: testCase.covered.joined(separator: " "), parameters: testCase.paramsSerialized, now: 0)
    }

    /// RFC 9421 B.2.6 (Ed25519) and B.2.5 (HMAC) are deterministic: the whole output is the signed message, byte for
    /// byte, with the key given as a JWK or (Ed25519) as a PEM file.
    @Test(arguments: [
        ("B.2.6-ed25519", KeyForm.jwk), ("B.2.6-ed25519", .privatePEM), ("B.2.5-hmac-sha256", .jwk),
    ])
    func reproducesTheDeterministicVectorsByteForByte(name: String, form: KeyForm) throws {
        let testCase = Self.vectors.testCase(name)
        let signed = try HTTPSigTool.sign(
            Self.vectors.messageBytes(testCase.message), options: Self.options(testCase, key: form.text(testCase.keyID))
        )
        #expect(
            String(decoding: signed, as: UTF8.self) == Self.expectedSigned(message: "test-request", testCase: testCase))
    }

    /// RFC 9421 §4.3: the proxy's rsa-v1_5-sha256 signature is added beside the client's, which stays untouched.
    @Test func addsTheProxySignatureBesideTheClientSignature() throws {
        let testCase = Self.vectors.testCase("sec4.3-proxy_sig-rsa-v1_5")
        let input = Self.vectors.messageText("sec4.3-proxy-request-before-proxy-sig")
        let signed = try HTTPSigTool.sign(
            Array(input.utf8), options: Self.options(testCase, key: Self.vectors.privatePEM("test-key-rsa")!))
        let output = String(decoding: signed, as: UTF8.self)
        let proxyInput = testCase.signatureInput.components(separatedBy: ", ").last { $0.hasPrefix("proxy_sig=") }!
        let proxySignature = testCase.signature.components(separatedBy: ", ").last { $0.hasPrefix("proxy_sig=") }!
        let head = input.components(separatedBy: "\n\n")[0]
        #expect(
            output == head + "\nSignature-Input: \(proxyInput)\nSignature: \(proxySignature)\n\n{\"hello\": \"world\"}")
        // The result verifies as the RFC's final message does.
        let verified = try HTTPSigTool.verify(
            signed,
            options: VerifyOptions(
                key: Self.vectors.publicPEM("test-key-rsa")!, algorithm: .rsaV15SHA256, label: "proxy_sig",
                now: 1_618_884_500))
        #expect(verified == "proxy_sig: verified\nContent-Digest matches the body (sha-512), covered by proxy_sig\n")
    }

    @Test func keepsCRLFLineEndsAndObsoleteFoldsOfTheInput() throws {
        let input = "GET /a HTTP/1.1\r\nHost: example.com\r\nX-Fold: one\r\n two\r\n\r\n"
        let signed = try HTTPSigTool.sign(
            Array(input.utf8),
            options: SignOptions(
                key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "s",
                covered: "\"@method\" \"x-fold\"", parameters: ";created=1", now: 0))
        let output = String(decoding: signed, as: UTF8.self)
        #expect(
            output.hasPrefix(
                "GET /a HTTP/1.1\r\nHost: example.com\r\nX-Fold: one\r\n two\r\n"
                    + "Signature-Input: s=(\"@method\" \"x-fold\");created=1\r\nSignature: s=:"
            ))
        #expect(output.hasSuffix(":\r\n\r\n"))
        #expect(
            try HTTPSigTool.base(signed, options: BaseOptions(label: "s"))
                == "\"@method\": GET\n\"x-fold\": one two\n\"@signature-params\": (\"@method\" \"x-fold\");created=1")
    }

    /// Without --params: created is now and keyid the JWK's kid; a PEM key has no kid, so no keyid.
    @Test func defaultParametersAreCreatedNowAndTheKeyID() throws {
        let input = Self.vectors.messageBytes("test-request")
        let fromJWK = try HTTPSigTool.sign(
            input,
            options: SignOptions(
                key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "s", covered: "\"@method\"",
                now: 1_700_000_000))
        #expect(
            String(decoding: fromJWK, as: UTF8.self).contains(
                "\nSignature-Input: s=(\"@method\");created=1700000000;keyid=\"test-key-ed25519\"\n"))
        let fromPEM = try HTTPSigTool.sign(
            input,
            options: SignOptions(
                key: KeyForm.privatePEM.text("test-key-ed25519"), algorithm: .ed25519, label: "s", covered: "",
                now: 1_700_000_001))
        #expect(String(decoding: fromPEM, as: UTF8.self).contains("\nSignature-Input: s=();created=1700000001\n"))
    }

    /// RFC 9530: the Content-Digest of the exact body is added first, so the signature can cover it.
    @Test(arguments: [DigestAlgorithm.sha256, .sha512])
    func addsAContentDigestThatTheSignatureCovers(algorithm: DigestAlgorithm) throws {
        let input = Array("POST /x HTTP/1.1\nHost: example.com\n\n{\"hello\": \"world\"}\n".utf8)
        let signed = try HTTPSigTool.sign(
            input,
            options: SignOptions(
                key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "s",
                covered: "\"content-digest\"", parameters: "", digest: algorithm, now: 0))
        let digest = ContentDigest.fieldValue(for: Array("{\"hello\": \"world\"}\n".utf8), algorithms: [algorithm])
        let output = String(decoding: signed, as: UTF8.self)
        #expect(
            output.hasPrefix(
                "POST /x HTTP/1.1\nHost: example.com\nContent-Digest: \(digest)\n"
                    + "Signature-Input: s=(\"content-digest\")\nSignature: s=:"
            ))
        #expect(output.hasSuffix(":\n\n{\"hello\": \"world\"}\n"))
        let message = try HTTPMessageText(parsing: signed)
        #expect(ContentDigest.verify(fieldValue: message.values(of: "content-digest")[0], body: message.body).isValid)
    }

    /// The RFC's own digest: sha-512 of the 18-byte body of the test request.
    @Test func theDigestOfTheTestRequestMatchesTheRFC() throws {
        var text = Self.vectors.messageText("test-request")
        text = text.replacingOccurrences(of: "Content-Digest: ", with: "Old-Digest: ")
        let signed = try HTTPSigTool.sign(
            Array(text.utf8),
            options: SignOptions(
                key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "s", covered: "",
                parameters: "", digest: .sha512, now: 0))
        let rfcDigest =
            "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"
        #expect(String(decoding: signed, as: UTF8.self).contains("\nContent-Digest: \(rfcDigest)\n"))
    }

    /// Randomized algorithms cannot be compared with the RFC; what is signed must verify with the public key.
    @Test(arguments: [
        ("test-key-rsa-pss", SignatureAlgorithm.rsaPSSSHA512), ("test-key-ecc-p256", .ecdsaP256SHA256),
        ("test-key-rsa", .rsaV15SHA256),
    ])
    func randomizedSignaturesVerify(keyID: String, algorithm: SignatureAlgorithm) throws {
        for form in [KeyForm.jwk, .privatePEM] {
            let signed = try HTTPSigTool.sign(
                Self.vectors.messageBytes("test-request"),
                options: SignOptions(
                    key: form.text(keyID), algorithm: algorithm, label: "s",
                    covered: "\"@method\" \"@target-uri\" \"content-digest\"", parameters: ";created=1618884473",
                    now: 0))
            let result = try HTTPSigTool.verify(
                signed,
                options: VerifyOptions(key: KeyForm.publicPEM.text(keyID), algorithm: algorithm, now: 1_618_884_473))
            #expect(result == "s: verified\nContent-Digest matches the body (sha-512), covered by s\n")
        }
    }

    @Test func signsAResponseWithRequestComponents() throws {
        let signed = try HTTPSigTool.sign(
            Self.vectors.messageBytes("sec2.4-response-unsigned"),
            options: SignOptions(
                key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "reqres",
                covered: "\"@status\" \"@method\";req \"@authority\";req", parameters: ";created=1618884479",
                relatedRequest: Self.vectors.messageBytes("sec2.4-request"), now: 0))
        let base = try HTTPSigTool.base(
            signed, options: BaseOptions(label: "reqres", relatedRequest: Self.vectors.messageBytes("sec2.4-request")))
        #expect(base.hasPrefix("\"@status\": 503\n\"@method\";req: POST\n\"@authority\";req: example.com\n"))
    }

    @Test func refusals() {
        let input = Self.vectors.messageBytes("sec3.2-signed-request")
        let key = KeyForm.jwk.text("test-key-ed25519")
        func sign(
            label: String = "s", covered: String = "\"@method\"", parameters: String? = nil,
            digest: DigestAlgorithm? = nil, key: String = key, algorithm: SignatureAlgorithm = .ed25519
        ) throws(HTTPSigToolError) {
            _ = try HTTPSigTool.sign(
                input,
                options: SignOptions(
                    key: key, algorithm: algorithm, label: label, covered: covered, parameters: parameters,
                    digest: digest, now: 0))
        }
        #expect(throws: HTTPSigToolError.labelInUse("sig1")) { try sign(label: "sig1") }
        #expect(throws: HTTPSigToolError.invalidLabel("Sig")) { try sign(label: "Sig") }
        #expect(throws: HTTPSigToolError.invalidLabel("")) { try sign(label: "") }
        #expect(throws: HTTPSigToolError.contentDigestPresent) { try sign(digest: .sha256) }
        #expect(throws: HTTPSigToolError.algorithmParameterMismatch(declared: "hmac-sha256", algorithm: .ed25519)) {
            try sign(parameters: ";alg=\"hmac-sha256\"")
        }
        #expect(throws: HTTPSigToolError.base(.duplicateComponent("\"@method\""))) {
            try sign(covered: "\"@method\" \"@method\"")
        }
        #expect(throws: HTTPSigToolError.base(.component(.missingField("x-missing")))) {
            try sign(covered: "\"x-missing\"")
        }
        #expect(
            throws: HTTPSigToolError.base(
                .component(
                    .notApplicable(
                        component: "@status", reason: "'@status' applies to responses only")))
        ) {
            try sign(covered: "\"@status\"")
        }
        #expect(throws: HTTPSigToolError.key(.algorithmMismatch(key: "OKP/Ed25519", algorithm: "hmac-sha256"))) {
            try sign(algorithm: .hmacSHA256)
        }
        #expect(throws: HTTPSigToolError.key(.notAPrivateKey)) {
            try sign(key: "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs\"}")
        }
    }

    /// A message that already carries as many signatures as verifiers read (16 by default) cannot take another: the
    /// output would not verify. Found by fuzzing.
    @Test func aSignatureBeyondTheLimitsIsRefused() throws {
        let labels = (0..<SignatureLimits.standard.maximumSignatures).map { "s\($0)" }
        let input =
            "GET /x HTTP/1.1\nHost: example.com\n"
            + "Signature-Input: \(labels.map { "\($0)=();created=1" }.joined(separator: ", "))\n"
            + "Signature: \(labels.map { "\($0)=:AA==:" }.joined(separator: ", "))\n\n"
        #expect(throws: HTTPSigToolError.signedFieldsUnreadable(.tooManySignatures(count: 17, limit: 16))) {
            try HTTPSigTool.sign(
                Array(input.utf8),
                options: SignOptions(
                    key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "new", covered: "", now: 0))
        }
    }

    /// An empty Signature-Input (or Signature) line reads as no signature, but joined with the new line it makes
    /// the field invalid (RFC 9651 §4.2): the signed output would not verify. Found by fuzzing.
    @Test(arguments: ["Signature-Input", "Signature"])
    func anEmptySignatureFieldLineIsRefused(name: String) throws {
        let input = "GET /x HTTP/1.1\nHost: example.com\n\(name):  \n\n"
        #expect(throws: HTTPSigToolError.emptySignatureFieldLine(name)) {
            try HTTPSigTool.sign(
                Array(input.utf8),
                options: SignOptions(
                    key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "s", covered: "\"@method\"",
                    now: 0))
        }
    }

    /// Input that ends within the header section has no body; signed and written back with the empty line, a
    /// Transfer-Encoding would frame a body that is not there, and the output could not be read again. Found by
    /// fuzzing (sign, then verify what was signed).
    @Test func aMessageWhoseFramingNeedsABodyItDoesNotHave() throws {
        func sign(_ text: String) throws(HTTPSigToolError) -> [UInt8] {
            try HTTPSigTool.sign(
                Array(text.utf8),
                options: SignOptions(
                    key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "s", covered: "", now: 0))
        }
        #expect(throws: HTTPSigToolError.chunkedMessageWithoutBody) {
            try sign("POST /x HTTP/1.1\nHost: example.com\nTransfer-Encoding: chunked")
        }
        #expect(throws: HTTPSigToolError.message(.lastTransferCodingNotChunked("gzip"))) {
            try sign("POST /x HTTP/1.1\nHost: example.com\nTransfer-Encoding: gzip\n")
        }
        // With its body, or without a body to frame (a 204 response), the message signs and reads back.
        for text in [
            "POST /x HTTP/1.1\nHost: example.com\nTransfer-Encoding: chunked\n\n0\n\n",
            "HTTP/1.1 204 No Content\nTransfer-Encoding: chunked",
        ] {
            #expect(try HTTPMessageText(parsing: try sign(text)).fields.last?.name == "Signature")
        }
    }

    @Test func aNonASCIIFieldCannotBeSigned() {
        let input = Array("GET / HTTP/1.1\nHost: a\nX-Name: caf\u{E9}\n\n".utf8)
        #expect(throws: HTTPSigToolError.base(.nonASCII)) {
            try HTTPSigTool.sign(
                input,
                options: SignOptions(
                    key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "s", covered: "\"x-name\"",
                    now: 0))
        }
    }
}

/// How a test key is handed to the tool.
enum KeyForm: Sendable, CustomTestStringConvertible {
    case jwk
    case privatePEM
    case publicPEM

    func text(_ keyID: String) -> String {
        switch self {
        case .jwk: ToolVectors.shared.jwkText(keyID)
        case .privatePEM: ToolVectors.shared.privatePEM(keyID)!
        case .publicPEM: ToolVectors.shared.publicPEM(keyID)!
        }
    }

    var testDescription: String {
        switch self {
        case .jwk: "JWK"
        case .privatePEM: "private PEM"
        case .publicPEM: "public PEM"
        }
    }
}

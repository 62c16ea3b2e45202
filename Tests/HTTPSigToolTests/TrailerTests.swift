import HTTPMessageSignatures
import HTTPSigTool
import Testing

/// Components with `;tr` (RFC 9421 §2.1.4) through `gnapterm httpsig`: the trailer section of a chunked message.
@Suite("httpsig trailers")
struct TrailerTests {
    /// The RFC 9421 §2.1.4 response, signed over the components the RFC chooses there. The Ed25519 signature was made
    /// with the vectors' test-key-ed25519 by Python's `cryptography` over ``expectedBase``, not by this code.
    static let signedResponse = """
        HTTP/1.1 200 OK
        Content-Type: text/plain
        Transfer-Encoding: chunked
        Trailer: Expires
        Signature-Input: sig1=("@status" "trailer" "expires";tr);created=1618884473;keyid="test-key-ed25519"
        Signature: sig1=:E8nliNeMN6LvDJ5AVLGUFNBBfSzsfrSeIZDSTwzD7Yq1evohhq1egTCkrFmCreUcC9ri5uGw1BocXFJSaLd/CA==:

        4
        HTTP
        7
        Message
        a
        Signatures
        0
        Expires: Wed, 9 Nov 2022 07:28:00 GMT


        """

    /// The base lines RFC 9421 §2.1.4 prints, then the signature parameters.
    static let expectedBase = """
        "@status": 200
        "trailer": Expires
        "expires";tr: Wed, 9 Nov 2022 07:28:00 GMT
        "@signature-params": ("@status" "trailer" "expires";tr);created=1618884473;keyid="test-key-ed25519"
        """

    static let now: Int64 = 1_618_884_500

    static func verifyOptions(label: String = "sig1", relatedRequest: [UInt8]? = nil) -> VerifyOptions {
        VerifyOptions(
            key: KeyForm.publicPEM.text("test-key-ed25519"), algorithm: .ed25519, label: label,
            relatedRequest: relatedRequest, now: now)
    }

    @Test(arguments: [LineEnding.lf, .crlf])
    func baseAndVerifyOfASignatureOverATrailerField(ending: LineEnding) throws {
        let message = Array(Self.signedResponse.replacingOccurrences(of: "\n", with: ending.rawValue).utf8)
        #expect(try HTTPSigTool.base(message, options: BaseOptions(label: "sig1")) == Self.expectedBase)
        #expect(
            try HTTPSigTool.verify(message, options: Self.verifyOptions())
                == "sig1: verified\nno Content-Digest: the body is not signed\n")
    }

    /// The trailer value is signed: changing it, or moving the field into the header, breaks the signature.
    @Test func aChangedOrMovedTrailerFails() throws {
        let changed = Self.signedResponse.replacingOccurrences(of: "07:28:00", with: "07:28:01")
        #expect(throws: HTTPSigToolError.notVerified([SignatureFailure(label: "sig1", reason: .invalidSignature)])) {
            try HTTPSigTool.verify(Array(changed.utf8), options: Self.verifyOptions())
        }
        let expires = "Expires: Wed, 9 Nov 2022 07:28:00 GMT\n"
        let moved = Self.signedResponse.replacingOccurrences(of: "0\n" + expires, with: "0\n")
            .replacingOccurrences(of: "Trailer: Expires\n", with: "Trailer: Expires\n" + expires)
        #expect(throws: HTTPSigToolError.base(.component(.missingField("expires")))) {
            try HTTPSigTool.base(Array(moved.utf8), options: BaseOptions(label: "sig1"))
        }
    }

    /// Without chunked content there is no trailer section at all, which `;tr` reports as such.
    @Test func aMessageWithoutChunkedContentHasNoTrailers() {
        let plain = Self.signedResponse.replacingOccurrences(of: "Transfer-Encoding: chunked\n", with: "")
        #expect(
            throws: HTTPSigToolError.base(
                .component(.notApplicable(component: "expires", reason: "the message has no trailers")))
        ) {
            try HTTPSigTool.base(Array(plain.utf8), options: BaseOptions(label: "sig1"))
        }
    }

    /// `;req;tr` reads a trailer of the related request given with `--request` (RFC 9421 §2.4, §2.1.4). Signed by
    /// Python's `cryptography` like ``signedResponse``.
    @Test func aResponseSignatureOverATrailerOfTheRequest() throws {
        let request = Array(
            "POST /up HTTP/1.1\nHost: example.com\nTransfer-Encoding: chunked\n\n0\nX-Request-Check: abc\n\n".utf8)
        let response = Array(
            """
            HTTP/1.1 200 OK
            Signature-Input: r=("@status" "x-request-check";req;tr);created=1618884473;keyid="test-key-ed25519"
            Signature: r=:QTQOCtzFUfucvQnBw0JDHDxc0yc2dEqIB78Vp/JfmhiJ0WFnPWI7wxSBUKvZMFwsEW7hHqvnY/WnwANgbao7AA==:

            """.utf8)
        #expect(
            try HTTPSigTool.base(response, options: BaseOptions(label: "r", relatedRequest: request)) == """
                "@status": 200
                "x-request-check";req;tr: abc
                "@signature-params": ("@status" "x-request-check";req;tr);created=1618884473;keyid="test-key-ed25519"
                """)
        #expect(
            try HTTPSigTool.verify(response, options: Self.verifyOptions(label: "r", relatedRequest: request))
                == "r: verified\n")
    }

    /// Signing a chunked message covering a trailer appends the fields to the header section and leaves every other
    /// byte, the chunks and trailers included, as it was. Content-Digest covers the decoded content (RFC 9530 §2), not
    /// the chunked framing. Ed25519 is deterministic: the expected output was made by Python's `cryptography`.
    @Test(arguments: [LineEnding.lf, .crlf])
    func signingKeepsTheChunkedBodyByteForByte(ending: LineEnding) throws {
        let lines = Self.signedResponse.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let head = lines.prefix { !$0.hasPrefix("Signature") }
        let rest = lines.drop { !$0.isEmpty }
        let unsigned = (head + rest).joined(separator: ending.rawValue)
        let signed = try HTTPSigTool.sign(
            Array(unsigned.utf8),
            options: SignOptions(
                key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "sig1",
                covered: #""@status" "trailer" "content-digest" "expires";tr"#,
                parameters: #";created=1618884473;keyid="test-key-ed25519""#, digest: .sha256, now: 0))
        let added = [
            "Content-Digest: sha-256=:YYpGwjeNpFzgjb/SFKBOX11xFuzQSCAoGIfRRTBHlkQ=:",
            #"Signature-Input: sig1=("@status" "trailer" "content-digest" "expires";tr);created=1618884473;"#
                + #"keyid="test-key-ed25519""#,
            "Signature: sig1=:HTIvZ5rPgAhHEaf2njDKISjUsiZA4J7T+ORLzsC17mJOPfhRrPbTe6Y0oDy9Ol0mMgmrM7QdK3okVApATp+wCA==:",
        ]
        #expect(signed == Array((head + added + rest).joined(separator: ending.rawValue).utf8))
        #expect(
            try HTTPSigTool.verify(signed, options: Self.verifyOptions())
                == "sig1: verified\nContent-Digest matches the body (sha-256), covered by sig1\n")
    }
}

import HTTPMessageSignatures
import HTTPSigTool
import Testing

/// `verify` checks every Content-Digest against the body (RFC 9530 §2): a signature alone says nothing about the
/// body (RFC 9421 §7.2.8), so a body changed after signing must never be reported as verified.
@Suite("httpsig verify: Content-Digest")
struct VerifyContentDigestTests {
    static let vectors = ToolVectors.shared
    static let now: Int64 = 1_618_884_500

    /// RFC 9421 §3.2: sig1 covers content-digest; the RSA-PSS key is the RFC's.
    static let rsaPSS = VerifyOptions(
        key: KeyForm.publicPEM.text("test-key-rsa-pss"), algorithm: .rsaPSSSHA512, now: now)

    static func ed25519(label: String = "s", relatedRequest: [UInt8]? = nil) -> VerifyOptions {
        VerifyOptions(
            key: KeyForm.publicPEM.text("test-key-ed25519"), algorithm: .ed25519, label: label,
            relatedRequest: relatedRequest, now: now)
    }

    /// Signs `text` with the RFC's Ed25519 key over `covered`, adding a Content-Digest with `digest`.
    static func signed(_ text: String, covered: String, digest: DigestAlgorithm? = nil) throws -> String {
        let signed = try HTTPSigTool.sign(
            Array(text.utf8),
            options: SignOptions(
                key: KeyForm.jwk.text("test-key-ed25519"), algorithm: .ed25519, label: "s", covered: covered,
                parameters: ";created=1618884473", digest: digest, now: 0))
        return String(decoding: signed, as: UTF8.self)
    }

    static let message = vectors.messageText("sec3.2-signed-request")

    static func mismatch(
        _ algorithm: DigestAlgorithm, covered: Bool, empty: Bool = false, place: DigestFieldPlace = DigestFieldPlace()
    ) -> ContentDigestFinding {
        ContentDigestFinding(place: place, outcome: .mismatch(algorithm), contentIsEmpty: empty, isCovered: covered)
    }

    @Test func aMatchingCoveredDigestIsReported() throws {
        #expect(
            try HTTPSigTool.verify(Array(Self.message.utf8), options: Self.rsaPSS)
                == "sig1: verified\nContent-Digest matches the body (sha-512), covered by sig1\n")
    }

    /// The signature covers content-digest, not the body: with the body changed it still verifies, the digest does
    /// not.
    @Test func aChangedBodyUnderACoveredDigestIsNotVerified() {
        let changed = Self.message.replacingOccurrences(of: "{\"hello\": \"world\"}", with: "{\"hello\": \"there\"}")
        let error = HTTPSigToolError.contentDigest(label: "sig1", [Self.mismatch(.sha512, covered: true)])
        #expect(throws: error) { try HTTPSigTool.verify(Array(changed.utf8), options: Self.rsaPSS) }
        #expect(error.description == "sig1: not verified: Content-Digest does not match the body (sha-512)")
    }

    /// RFC 9421 B.2.6 covers content-length but not content-digest: a same-length change of the body is still caught
    /// by the digest, and a match says the body is not signed.
    @Test func anUncoveredDigestIsCheckedToo() throws {
        let testCase = Self.vectors.testCase("B.2.6-ed25519")
        let signed = String(decoding: Self.vectors.signedMessage(testCase), as: UTF8.self)
        let options = VerifyOptions(key: KeyForm.publicPEM.text("test-key-ed25519"), algorithm: .ed25519, now: Self.now)
        #expect(
            try HTTPSigTool.verify(Array(signed.utf8), options: options)
                == "sig-b26: verified\nContent-Digest matches the body (sha-512), but sig-b26 does not cover it: "
                + "the body is not signed\n")
        let changed = signed.replacingOccurrences(of: "\"world\"}", with: "\"w0rld\"}")
        #expect(throws: HTTPSigToolError.contentDigest(label: "sig-b26", [Self.mismatch(.sha512, covered: false)])) {
            try HTTPSigTool.verify(Array(changed.utf8), options: options)
        }
    }

    /// A message without a body has empty content (RFC 9530 §2): a covered Content-Digest of the real body fails,
    /// with a hint that the body was left out; a digest of empty content verifies.
    @Test func aMessageWithoutABody() throws {
        let headersOnly = String(Self.message.prefix { $0 != "{" })
        let error = HTTPSigToolError.contentDigest(label: "sig1", [Self.mismatch(.sha512, covered: true, empty: true)])
        #expect(throws: error) { try HTTPSigTool.verify(Array(headersOnly.utf8), options: Self.rsaPSS) }
        #expect(
            error.description
                == "sig1: not verified: Content-Digest (sha-512) is not the digest of empty content, and the message "
                + "has no body: was it left out?")
        let empty = try Self.signed(
            "DELETE /x HTTP/1.1\nHost: example.com\nContent-Digest: \(ContentDigest.fieldValue(for: []))\n",
            covered: "\"@method\" \"content-digest\"")
        #expect(
            try HTTPSigTool.verify(Array(empty.utf8), options: Self.ed25519())
                == "s: verified\nContent-Digest matches the empty body (sha-256), covered by s\n")
    }

    /// Only algorithms this tool does not compute: the body cannot be checked, so the message is not verified. Beside
    /// one it computes, they are ignored (RFC 9530 §2).
    @Test func algorithmsThatAreNotComputed() throws {
        let body = "{\"a\":1}"
        let md5 = "md5=:ZnqMhkc6UDbo9lH2Ap7rKQ==:"
        let only = try Self.signed(
            "POST /x HTTP/1.1\nHost: example.com\nContent-Digest: \(md5), unixsum=:AA==:\n\n\(body)",
            covered: "\"content-digest\"")
        let error = HTTPSigToolError.contentDigest(
            label: "s",
            [
                ContentDigestFinding(
                    place: DigestFieldPlace(), outcome: .noComputedAlgorithm(["md5", "unixsum"]), contentIsEmpty: false,
                    isCovered: true)
            ])
        #expect(throws: error) { try HTTPSigTool.verify(Array(only.utf8), options: Self.ed25519()) }
        #expect(
            error.description
                == "s: not verified: Content-Digest uses only md5, unixsum, which this tool does not compute (it "
                + "computes sha-256 and sha-512), so the body cannot be checked")
        let sha256 = ContentDigest.fieldValue(for: Array(body.utf8))
        let mixed = try Self.signed(
            "POST /x HTTP/1.1\nHost: example.com\nContent-Digest: \(md5), \(sha256)\n\n\(body)",
            covered: "\"content-digest\"")
        #expect(
            try HTTPSigTool.verify(Array(mixed.utf8), options: Self.ed25519())
                == "s: verified\nContent-Digest matches the body (sha-256), covered by s\n")
    }

    @Test func aMalformedDigestIsNotVerified() throws {
        let signed = try Self.signed(
            "POST /x HTTP/1.1\nHost: example.com\nContent-Digest: sha-256=abc\n\n{}", covered: "\"@method\"")
        let error = HTTPSigToolError.contentDigest(
            label: "s",
            [
                ContentDigestFinding(
                    place: DigestFieldPlace(), outcome: .malformed, contentIsEmpty: false, isCovered: false)
            ])
        #expect(throws: error) { try HTTPSigTool.verify(Array(signed.utf8), options: Self.ed25519()) }
        #expect(
            error.description
                == "s: not verified: Content-Digest is not a Dictionary of Byte Sequences (RFC 9530 §2), so the body "
                + "cannot be checked")
    }

    /// Longer than the library parses (4 096 bytes): not read, and said so.
    @Test func aDigestTooLongToRead() throws {
        let long =
            ContentDigest.fieldValue(for: Array("{}".utf8)) + ", "
            + Array(repeating: "x=1", count: 1_100)
            .joined(separator: ", ")
        let signed = try Self.signed("POST /x HTTP/1.1\nHost: example.com\nContent-Digest: \(long)\n\n{}", covered: "")
        let error = HTTPSigToolError.contentDigest(
            label: "s",
            [
                ContentDigestFinding(
                    place: DigestFieldPlace(), outcome: .tooLong(long.utf8.count), contentIsEmpty: false,
                    isCovered: false)
            ])
        #expect(throws: error) { try HTTPSigTool.verify(Array(signed.utf8), options: Self.ed25519()) }
        #expect(
            error.description
                == "s: not verified: Content-Digest is \(long.utf8.count) bytes long, more than the 4096 this tool "
                + "reads, so the body cannot be checked")
    }

    @Test func aBodyWithoutDigestIsNotSigned() throws {
        let signed = try Self.signed("POST /x HTTP/1.1\nHost: example.com\n\n{}", covered: "\"@method\"")
        #expect(
            try HTTPSigTool.verify(Array(signed.utf8), options: Self.ed25519())
                == "s: verified\nno Content-Digest: the body is not signed\n")
    }

    /// `"content-digest";req` (RFC 9421 §2.4): the related request's digest is checked against its own body.
    @Test func theRelatedRequestsDigest() throws {
        let response = Self.vectors.messageBytes("sec2.4-response-signed")
        let request = Self.vectors.messageText("sec2.4-request")
        let options = VerifyOptions(
            key: KeyForm.publicPEM.text("test-key-ecc-p256"), algorithm: .ecdsaP256SHA256, label: "reqres",
            relatedRequest: Array(request.utf8), now: Self.now)
        #expect(
            try HTTPSigTool.verify(response, options: options)
                == "reqres: verified\nContent-Digest matches the body (sha-512), covered by reqres\n"
                + "Content-Digest of --request matches its body (sha-512), covered by reqres\n")
        var changed = options
        changed.relatedRequest = Array(request.replacingOccurrences(of: "world", with: "there").utf8)
        #expect(
            throws: HTTPSigToolError.contentDigest(
                label: "reqres",
                [Self.mismatch(.sha512, covered: true, place: DigestFieldPlace(inRelatedRequest: true))])
        ) {
            try HTTPSigTool.verify(response, options: changed)
        }
    }

    /// A Content-Digest trailer (RFC 9530 §2) is checked against the decoded content of the chunked body.
    @Test func aDigestTrailer() throws {
        let content = Array("HTTP Message Signatures".utf8)
        let chunked = { (digest: String) in
            "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nTrailer: Content-Digest\n\n17\nHTTP Message Signatures\n0\n"
                + "Content-Digest: \(digest)\n\n"
        }
        let good = try Self.signed(chunked(ContentDigest.fieldValue(for: content)), covered: "\"content-digest\";tr")
        #expect(
            try HTTPSigTool.verify(Array(good.utf8), options: Self.ed25519())
                == "s: verified\nContent-Digest (trailer) matches the body (sha-256), covered by s\n")
        let bad = try Self.signed(chunked(ContentDigest.fieldValue(for: content + [0x21])), covered: "\"@status\"")
        #expect(
            throws: HTTPSigToolError.contentDigest(
                label: "s", [Self.mismatch(.sha256, covered: false, place: DigestFieldPlace(inTrailers: true))])
        ) {
            try HTTPSigTool.verify(Array(bad.utf8), options: Self.ed25519())
        }
    }
}

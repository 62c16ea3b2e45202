import Foundation
import HTTPMessageSignatures
import Testing

/// Malformed `Content-Digest`, `Repr-Digest` and `Want-*-Digest` values (RFC 9530): typed results, bounded time.
@Suite("Bad input: digest fields")
struct DigestBadInputTests {
    let body = Array(#"{"hello": "world"}"#.utf8)
    let sha256 = "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="

    @Test(arguments: [
        "", ",", "sha-256", "sha-256=", "sha-256=:", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=",
        "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE",
        "sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\"",
        "sha-256=1", "sha-256=?1", "sha-256=(:AA==:)", "sha-256=:not base64!:", "sha-256=:X48E9qOokqqrvdts$:",
        "sha-256=:A:", "sha-256=:AAA==:", "SHA-256=:AA==:",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, md5=1", "sha-256 =:AA==:",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:,",
    ])
    func malformedContentDigest(value: String) {
        #expect(ContentDigest.verify(fieldValue: value, body: body) == .malformed)
        #expect(ReprDigest.verify(fieldValue: value, body: body) == .malformed)
    }

    @Test func wrongDigests() {
        // Right algorithm, wrong value or wrong length: a mismatch, compared in constant time.
        #expect(ContentDigest.verify(fieldValue: "sha-256=:AA==:", body: body) == .mismatch(.sha256))
        #expect(ContentDigest.verify(fieldValue: "sha-512=:\(sha256):", body: body) == .mismatch(.sha512))
        // A matching member does not excuse a mismatching one.
        #expect(
            ContentDigest.verify(fieldValue: "sha-256=:\(sha256):, sha-512=:AA==:", body: body) == .mismatch(.sha512))
        // Unknown and deprecated algorithms alone are not accepted.
        #expect(ContentDigest.verify(fieldValue: "md5=:Sd/dVLAcvNLSq16eXua5uQ==:", body: body) == .noAcceptedAlgorithm)
        #expect(
            ContentDigest.verify(fieldValue: "sha-256=:\(sha256):", body: body, accepted: [.sha512])
                == .noAcceptedAlgorithm)
        // Parameters on a member are allowed and ignored (RFC 9651 Dictionary members may carry them).
        #expect(
            ContentDigest.verify(fieldValue: "sha-256=:\(sha256):;x=1", body: body) == .valid(algorithms: [.sha256]))
    }

    @Test func hugeContentDigest() {
        let many = (0..<20_000).map { "a\($0)=:AA==:" }.joined(separator: ", ")
        #expect(Hostile.bounded { ContentDigest.verify(fieldValue: many, body: body) } == .malformed)
        let longest = "sha-256=:\(sha256):, " + String(repeating: "x", count: ContentDigest.defaultMaximumFieldLength)
        #expect(Hostile.bounded { ContentDigest.verify(fieldValue: longest, body: body) } == .malformed)
        // Up to the limit, unknown members are parsed and ignored.
        let padding = (0..<300).map { "a\($0)=:AA==:" }.joined(separator: ", ")
        let withinLimit = "sha-256=:\(sha256):, " + padding
        #expect(withinLimit.utf8.count <= ContentDigest.defaultMaximumFieldLength)
        #expect(ContentDigest.verify(fieldValue: withinLimit, body: body) == .valid(algorithms: [.sha256]))
        #expect(ContentDigest.verify(fieldValue: withinLimit, body: body, maximumLength: 100) == .malformed)
    }

    @Test func malformedWantDigest() {
        for value in [
            "sha-256", "sha-256=11", "sha-256=-1", "sha-256=1.5", "sha-256=\"1\"", "sha-256=(1)", "SHA-256=1",
            "sha-256=1,",
        ] {
            #expect(WantDigest.preferences(value) == nil, "\(value)")
            #expect(WantDigest.choose(value) == nil, "\(value)")
        }
        #expect(WantDigest.preferences("")?.isEmpty == true)
        #expect(WantDigest.choose("") == nil)
        let many = (0..<20_000).map { "a\($0)=1" }.joined(separator: ", ")
        #expect(Hostile.bounded { WantDigest.choose(many) } == nil)
        #expect(WantDigest.choose("sha-256=0, sha-512=0") == nil)
        #expect(WantDigest.choose("md5=10, sha-256=1") == .sha256)
    }
}

import HTTPMessageSignatures
import Testing

@Suite("Content-Digest (RFC 9530)")
struct ContentDigestTests {
    let body = Array(#"{"hello": "world"}"#.utf8)

    @Test func bothAlgorithmsInOneField() {
        let value = ContentDigest.fieldValue(for: body, algorithms: [.sha256, .sha512])
        #expect(
            value
                == "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, "
                + "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:")
        #expect(ContentDigest.verify(fieldValue: value, body: body) == .valid(algorithms: [.sha256, .sha512]))
    }

    @Test func mismatchMalformedAndUnknown() {
        let value = ContentDigest.fieldValue(for: body)
        #expect(ContentDigest.verify(fieldValue: value, body: body + [0x0A]) == .mismatch(.sha256))
        #expect(ContentDigest.verify(fieldValue: "sha-256=abc", body: body) == .malformed)
        #expect(ContentDigest.verify(fieldValue: "", body: body) == .malformed)
        #expect(ContentDigest.verify(fieldValue: "md5=:AAAA:", body: body) == .noAcceptedAlgorithm)
        #expect(ContentDigest.verify(fieldValue: value, body: body, accepted: [.sha512]) == .noAcceptedAlgorithm)
        // An unknown algorithm next to a good one is ignored (RFC 9530 §2).
        #expect(ContentDigest.verify(fieldValue: "md5=:AAAA:, " + value, body: body).isValid)
    }
}

@Suite("Want-*-Digest negotiation (RFC 9530 §4)")
struct WantDigestTests {
    @Test func choosesTheMostPreferredSupportedAlgorithm() {
        // RFC 9530 §4 examples.
        #expect(WantDigest.choose("sha-256=1, sha-512=3") == .sha512)
        #expect(WantDigest.choose("sha-512=3, sha-256=10, unixsum=0") == .sha256)
        #expect(WantDigest.choose("sha-256=0, sha-512=0") == nil)
        #expect(WantDigest.choose("md5=10") == nil)
        // Ties go to the caller's order.
        #expect(WantDigest.choose("sha-256=5, sha-512=5") == .sha512)
        #expect(WantDigest.choose("sha-256=5, sha-512=5", supported: [.sha256, .sha512]) == .sha256)
    }

    @Test func invalidPreferencesAreRejected() {
        #expect(WantDigest.preferences("sha-256=11") == nil)
        #expect(WantDigest.preferences("sha-256=-1") == nil)
        #expect(WantDigest.preferences("sha-256=1.5") == nil)
        #expect(WantDigest.preferences("sha-256") == nil)
        #expect(WantDigest.preferences("sha-256=\"1\"") == nil)
        #expect(WantDigest.choose("sha-256=1,,") == nil)
        #expect(WantDigest.fieldValue([(.sha512, 3), (.sha256, 20)]) == "sha-512=3, sha-256=10")
    }

    @Test func reprDigestUsesTheSameComputation() {
        let representation = Array(#"{"hello": "world"}"#.utf8) + [0x0A]
        // RFC 9530 §3 example (Repr-Digest over the representation with its trailing newline).
        #expect(
            ReprDigest.fieldValue(for: representation, algorithms: [.sha512])
                == "sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:")
    }
}

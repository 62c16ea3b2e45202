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

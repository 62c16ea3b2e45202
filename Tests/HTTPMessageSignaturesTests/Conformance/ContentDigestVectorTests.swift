import Foundation
import HTTPMessageSignatures
import Testing

/// Every digest value of RFC 9421 and RFC 9530 in the vector file, recomputed from its exact content bytes.
@Suite("RFC 9530 digest vectors")
struct ContentDigestVectorTests {
    @Test("digest example", arguments: try VectorCatalog.digestExampleIndices())
    func example(index: Int) throws {
        let example = try VectorCatalog.vectors().contentDigest[index]
        guard example.reproducedHere else {
            skip("\(example.source) \(example.alg): \(example.note ?? "marked not reproducible")")
            return
        }
        let body = [UInt8](hex: example.bodyHex)
        #expect(example.fieldValue == "\(example.alg)=:\(example.value):")
        if let algorithm = DigestAlgorithm(rawValue: example.alg) {
            #expect(ContentDigest.fieldValue(for: body, algorithms: [algorithm]) == example.fieldValue)
            #expect(ContentDigest.verify(fieldValue: example.fieldValue, body: body) == .valid(algorithms: [algorithm]))
            #expect(ReprDigest.verify(fieldValue: example.fieldValue, body: body + [0]) == .mismatch(algorithm))
        } else {
            // RFC 9530 Appendix D: deprecated algorithms, shown for recognition only. The sample is right, and the
            // library ignores the member (§2: unknown algorithms are ignored) and never accepts it alone.
            let digest = try #require(LegacyDigests.digest(example.alg, body), "no recomputation for \(example.alg)")
            #expect(Data(digest).base64EncodedString() == example.value)
            #expect(ContentDigest.verify(fieldValue: example.fieldValue, body: body) == .noAcceptedAlgorithm)
            let withSHA256 = example.fieldValue + ", " + ContentDigest.fieldValue(for: body)
            #expect(ContentDigest.verify(fieldValue: withSHA256, body: body) == .valid(algorithms: [.sha256]))
        }
    }

    /// RFC 9530 B.5, B.6, B.10 and C.1 print one sha-256 value with two padding characters ("...FabDg==:"), which
    /// is not canonical Base64 for 32 bytes: the file says to expect strict decoders to reject it, and the library
    /// does (while accepting the same value without any padding, RFC 9651 §4.2.7).
    @Test func doublyPaddedTypoIsRejected() throws {
        let example = try #require(
            try VectorCatalog.vectors().contentDigest.first { $0.note?.contains("FabDg==") == true })
        let body = [UInt8](hex: example.bodyHex)
        #expect(ContentDigest.verify(fieldValue: example.fieldValue, body: body).isValid)
        let typo = "sha-256=:\(example.value)=:"
        #expect(typo.hasSuffix("FabDg==:"))
        #expect(ContentDigest.verify(fieldValue: typo, body: body) == .malformed)
        let unpadded = "sha-256=:\(example.value.prefix { $0 != "=" }):"
        #expect(ContentDigest.verify(fieldValue: unpadded, body: body) == .valid(algorithms: [.sha256]))
    }

    @Test func exactlyTheTwoBrotliEntriesAreMarkedBroken() throws {
        let broken = try VectorCatalog.vectors().contentDigest.filter { !$0.reproducedHere }
        #expect(broken.count == 2)
        #expect(broken.allSatisfy { $0.bodyDescription.contains("Brotli") && $0.note != nil })
    }
}

import HTTPMessageSignatures
import HTTPTypes
import Testing

/// The vector messages beyond the cases: B.4's transformed copies of one signed request, the Content-Digest of
/// every message with content, and the examples the file says cannot serve as vectors.
@Suite("RFC 9421 vector messages")
struct VectorMessageTests {
    /// RFC 9421 B.4: a signature survives the changes it does not cover (added query parameter and field, removed
    /// date, reordered or recombined fields) and fails on those it does (method, authority, order of Accept lines).
    @Test("B.4 transformations", arguments: try VectorCatalog.transformedMessageNames())
    func transformation(name: String) throws {
        let vectors = try VectorCatalog.vectors()
        let message = try #require(vectors.messages[name])
        let expectValid = try #require(message.expectValid as Bool?)
        let run = try VectorRun("B.4-transform-ed25519")
        let outcome = run.outcome(of: .request(try vectors.httpRequest(name)), with: try run.publishedKey())
        #expect(outcome == (expectValid ? .verified : .failed(.invalidSignature)))
    }

    @Test func everyB4TransformationIsChecked() throws {
        let names = try VectorCatalog.transformedMessageNames()
        #expect(names.count == 6)
        #expect(try names.filter { try VectorCatalog.vectors().messages[$0]?.expectValid == false }.count == 2)
    }

    @Test(
        "the Content-Digest of every message matches its content", arguments: try VectorCatalog.digestedMessageNames())
    func messageContentDigest(name: String) throws {
        let vectors = try VectorCatalog.vectors()
        let message = try #require(vectors.messages[name])
        if let note = message.note, note.contains("do not expect the shown body to hash") {
            skip("\(name): \(note)")
            return
        }
        let field = try #require(message.headers.first { $0.first?.lowercased() == "content-digest" }?.last)
        #expect(ContentDigest.verify(fieldValue: field, body: vectors.body(name)).isValid)
        #expect(!ContentDigest.verify(fieldValue: field, body: vectors.body(name) + [0x20]).isValid)
    }

    /// test-response's Content-Digest was wrong in the last draft; the file carries the corrected value and keeps the
    /// draft's for reference. The draft value must not verify.
    @Test func draftContentDigestOfTestResponseIsWrong() throws {
        let vectors = try VectorCatalog.vectors()
        let corrected = try #require(try vectors.httpResponse("test-response").headerFields[.contentDigest])
        let draft = "sha-512=:JlEy2bfUz7WrWIjc1qV6KVLpdr/7L5/L4h7Sxvh6sNHpDQWDCL+GauFQWcZBvVDhiyOnAQsxzZFYwi0wDH+1pw==:"
        #expect(vectors.messages["test-response"]?.note?.contains(String(draft.dropFirst(9).prefix(20))) == true)
        #expect(
            ContentDigest.verify(fieldValue: corrected, body: vectors.body("test-response"))
                == .valid(algorithms: [.sha512]))
        #expect(ContentDigest.verify(fieldValue: draft, body: vectors.body("test-response")) == .mismatch(.sha512))
    }

    @Test("examples that cannot serve as vectors are skipped", arguments: try VectorCatalog.unverifiableLabels())
    func unverifiableExample(label: String) throws {
        let example = try #require(try VectorCatalog.vectors().unverifiableExamples.first { $0.label == label })
        #expect(!example.notes.isEmpty)
        skip("\(example.section) \(label): \(example.notes)")
    }
}

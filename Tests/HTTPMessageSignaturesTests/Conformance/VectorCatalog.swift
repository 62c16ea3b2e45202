import HTTPMessageSignatures

/// The vector file, loaded once, and the argument lists of the parameterized conformance tests (one test case per
/// vector, reported by its name).
enum VectorCatalog {
    private static let loaded = Result { try VectorFile.load() }

    static func vectors() throws -> VectorFile { try loaded.get() }

    /// A Unix time at which every vector signature is valid: the newest `created` is 1618884480 and the only
    /// `expires` is 1618884540.
    static let now: Int64 = 1_618_884_480

    /// The verifier's policy for vectors: no age limit (the vectors are from 2021), `created` still required.
    static var policy: VerificationPolicy { VerificationPolicy(maximumAge: nil, now: now) }

    static func caseNames() throws -> [String] { try vectors().cases.map(\.name) }

    static func keyNames() throws -> [String] { try vectors().keys.keys.sorted() }

    /// The B.4 messages that say whether the B.4 signature must survive their transformation.
    static func transformedMessageNames() throws -> [String] {
        try vectors().messages.filter { $0.value.expectValid != nil }.keys.sorted()
    }

    /// Every message that carries content and a `Content-Digest` field.
    static func digestedMessageNames() throws -> [String] {
        try vectors().messages.filter { _, message in
            message.body?.isEmpty == false && message.headers.contains { $0.first?.lowercased() == "content-digest" }
        }.keys.sorted()
    }

    static func componentExampleIndices() throws -> [Int] { Array(try vectors().componentValueExamples.indices) }

    static func serializationExampleIndices() throws -> [Int] { Array(try vectors().serializationExamples.indices) }

    static func digestExampleIndices() throws -> [Int] { Array(try vectors().contentDigest.indices) }

    static func unverifiableLabels() throws -> [String] { try vectors().unverifiableExamples.map(\.label) }
}

import HTTPMessageSignatures
import RawStructuredFieldValues

/// The Content-Digest check of `verify` (RFC 9530 §2): every `Content-Digest` field of the message and of the related
/// request, in the header or in the trailers, is compared with the content it describes, whether the signature covers
/// it or not. A message without a body has empty content: its Content-Digest must be the digest of nothing.
enum ContentDigestCheck {
    static func findings(
        message: HTTPMessageText, relatedRequest: HTTPMessageText?, covered: [ComponentIdentifier]
    ) -> [ContentDigestFinding] {
        var findings: [ContentDigestFinding] = []
        for (text, inRelatedRequest) in [(message, false), (relatedRequest, true)] {
            guard let text else { continue }
            for (lines, inTrailers) in [(text.fields, false), (text.trailers ?? [], true)] {
                let values = lines.filter { $0.name.lowercased() == "content-digest" }.map(\.value)
                guard !values.isEmpty else { continue }
                let place = DigestFieldPlace(inRelatedRequest: inRelatedRequest, inTrailers: inTrailers)
                findings.append(
                    ContentDigestFinding(
                        place: place, outcome: outcome(values.joined(separator: ", "), content: text.content),
                        contentIsEmpty: text.content.isEmpty, isCovered: covered.contains(where: place.isCovered)))
            }
        }
        return findings
    }

    private static func outcome(_ fieldValue: String, content: [UInt8]) -> ContentDigestFinding.Outcome {
        let length = fieldValue.utf8.count
        guard length <= ContentDigest.defaultMaximumFieldLength else { return .tooLong(length) }
        return switch ContentDigest.verify(fieldValue: fieldValue, body: content) {
        case .valid(let algorithms): .matches(algorithms)
        case .mismatch(let algorithm): .mismatch(algorithm)
        case .malformed: .malformed
        case .noAcceptedAlgorithm: .noComputedAlgorithm(algorithmNames(fieldValue))
        }
    }

    /// The member names of a Content-Digest value that ``ContentDigest/verify(fieldValue:body:accepted:maximumLength:)``
    /// already parsed as a Dictionary.
    private static func algorithmNames(_ fieldValue: String) -> [String] {
        var parser = StructuredFieldValueParser(Array(fieldValue.utf8))
        guard let dictionary = try? parser.parseDictionaryFieldValue() else { return [] }
        return dictionary.map(\.0)
    }
}

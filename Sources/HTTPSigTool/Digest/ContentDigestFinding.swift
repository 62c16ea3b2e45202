import HTTPMessageSignatures

/// What `verify` found when it checked one `Content-Digest` field against the content it describes (RFC 9530 §2).
public struct ContentDigestFinding: Sendable, Hashable {
    /// The outcome of the comparison.
    public enum Outcome: Sendable, Hashable {
        /// Every member with an algorithm this tool computes matched; these are the algorithms.
        case matches([DigestAlgorithm])
        /// The digest with this algorithm is not the digest of the content.
        case mismatch(DigestAlgorithm)
        /// The field is not a Dictionary of Byte Sequences.
        case malformed
        /// The field is longer than ``ContentDigest/defaultMaximumFieldLength`` bytes; it was not parsed.
        case tooLong(Int)
        /// The field names only algorithms this tool does not compute (e.g. `md5`): the content cannot be checked.
        case noComputedAlgorithm([String])
    }

    public var place: DigestFieldPlace
    public var outcome: Outcome
    /// Whether the message has no content at all (no body, or an empty one).
    public var contentIsEmpty: Bool
    /// Whether the verified signature covers this field.
    public var isCovered: Bool

    public init(place: DigestFieldPlace, outcome: Outcome, contentIsEmpty: Bool, isCovered: Bool) {
        self.place = place
        self.outcome = outcome
        self.contentIsEmpty = contentIsEmpty
        self.isCovered = isCovered
    }

    public var matches: Bool {
        if case .matches = outcome { return true }
        return false
    }

    /// The line `verify` prints for a match.
    func report(label: String) -> String {
        guard case .matches(let algorithms) = outcome else { return problem }
        let matched = "\(place) matches \(body) (\(algorithms.map(\.rawValue).joined(separator: ", ")))"
        guard !isCovered else { return "\(matched), covered by \(label)" }
        return "\(matched), but \(label) does not cover it: "
            + (place.inRelatedRequest ? "the --request body" : "the body") + " is not signed"
    }

    private var body: String {
        (place.inRelatedRequest ? "its " : "the ") + (contentIsEmpty ? "empty body" : "body")
    }

    /// Why this field keeps the message from being verified.
    var problem: String {
        switch outcome {
        case .matches: "\(place) matches \(body)"
        case .mismatch(let algorithm) where contentIsEmpty:
            "\(place) (\(algorithm.rawValue)) is not the digest of empty content, and "
                + (place.inRelatedRequest ? "the --request message" : "the message") + " has no body: was it left out?"
        case .mismatch(let algorithm): "\(place) does not match \(body) (\(algorithm.rawValue))"
        case .malformed: "\(place) is not a Dictionary of Byte Sequences (RFC 9530 §2), so the body cannot be checked"
        case .tooLong(let length):
            "\(place) is \(length) bytes long, more than the \(ContentDigest.defaultMaximumFieldLength) this tool "
                + "reads, so the body cannot be checked"
        case .noComputedAlgorithm(let names):
            "\(place) uses only \(names.map(\.printable).joined(separator: ", ")), which this tool does not compute "
                + "(it computes \(DigestAlgorithm.allCases.map(\.rawValue).joined(separator: " and "))), so the body "
                + "cannot be checked"
        }
    }
}

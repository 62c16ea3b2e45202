import HTTPMessageSignatures

/// Where a `Content-Digest` field was found: in the message or in the related request (`--request`), in the header
/// section or in the trailer section of a chunked body (RFC 9530 §2 allows both).
public struct DigestFieldPlace: Sendable, Hashable, CustomStringConvertible {
    public var inRelatedRequest: Bool
    public var inTrailers: Bool

    public init(inRelatedRequest: Bool = false, inTrailers: Bool = false) {
        self.inRelatedRequest = inRelatedRequest
        self.inTrailers = inTrailers
    }

    public var description: String {
        "Content-Digest" + (inTrailers ? " (trailer)" : "") + (inRelatedRequest ? " of --request" : "")
    }

    /// The component identifier that covers this field: `content-digest` with `;req` and `;tr` as they apply.
    func isCovered(by component: ComponentIdentifier) -> Bool {
        component.name == "content-digest" && component.hasFlag("req") == inRelatedRequest
            && component.hasFlag("tr") == inTrailers
    }
}

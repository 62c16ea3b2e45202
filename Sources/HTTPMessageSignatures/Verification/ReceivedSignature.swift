import HTTPTypes

/// One signature found on a message: its label, what it covers, its parameters, and the signature bytes.
public struct ReceivedSignature: Sendable, Hashable {
    public let label: String
    public let components: [ComponentIdentifier]
    public let parameters: SignatureParameters
    public let signature: [UInt8]

    public init(label: String, components: [ComponentIdentifier], parameters: SignatureParameters, signature: [UInt8]) {
        self.label = label
        self.components = components
        self.parameters = parameters
        self.signature = signature
    }

    /// Reads every signature of a message from its `Signature-Input` and `Signature` fields (RFC 9421 §4), within
    /// `limits`.
    public static func all(
        in fields: HTTPFields, limits: SignatureLimits = .standard
    ) throws(SignatureFieldError) -> [ReceivedSignature] {
        try SignatureFields.parse(fields, limits: limits)
    }
}

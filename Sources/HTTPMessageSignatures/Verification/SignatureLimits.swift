/// Upper bounds on what a received message can make this library parse and compute, so that a hostile
/// `Signature-Input`, `Signature` or covered field costs bounded time and memory.
///
/// RFC 9651 lets a field's definition constrain cardinality (§2), and RFC 9421 leaves resource limits to the
/// verifier (§7.2). Structured Field dictionaries are parsed into an `OrderedMap` whose lookups are linear, so
/// parsing cost grows with the square of the member count: capping the byte length of every parsed field bounds it.
/// The defaults are far above anything a legitimate signer sends (a GNAP request carries one or two signatures of
/// five or six components) and far below what would make verification slow.
public struct SignatureLimits: Sendable, Hashable {
    /// Longest combined value, in bytes, of `Signature-Input` and (separately) of `Signature`. Default 16 384:
    /// room for a dozen RSA-4096 signatures.
    public var maximumFieldLength: Int
    /// Most signatures (members of `Signature-Input`) read from one message. Default 16.
    public var maximumSignatures: Int
    /// Most covered components in one signature. Default 64.
    public var maximumComponents: Int
    /// Longest component value, in bytes: the combined value of a covered field (checked before any Structured
    /// Field parsing for `sf` and `key`) or a derived component value such as `@target-uri`. Default 16 384.
    public var maximumComponentValueLength: Int

    /// - Parameters:
    ///   - maximumFieldLength: bytes of `Signature-Input` and of `Signature`. Default 16 384.
    ///   - maximumSignatures: signatures per message. Default 16.
    ///   - maximumComponents: covered components per signature. Default 64.
    ///   - maximumComponentValueLength: bytes of one component value. Default 16 384.
    public init(
        maximumFieldLength: Int = 16_384, maximumSignatures: Int = 16, maximumComponents: Int = 64,
        maximumComponentValueLength: Int = 16_384
    ) {
        self.maximumFieldLength = maximumFieldLength
        self.maximumSignatures = maximumSignatures
        self.maximumComponents = maximumComponents
        self.maximumComponentValueLength = maximumComponentValueLength
    }

    /// The default limits.
    public static let standard = SignatureLimits()
}

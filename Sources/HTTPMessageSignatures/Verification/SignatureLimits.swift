/// Upper bounds on what a received message can make this library parse and compute, so that a hostile
/// `Signature-Input`, `Signature` or covered field costs bounded time and memory.
///
/// RFC 9651 lets a field's definition constrain cardinality (§2), and RFC 9421 leaves resource limits to the
/// verifier (§7.2). Structured Field Dictionaries and Parameters are parsed into an `OrderedMap` whose lookups are
/// linear, so parsing cost grows with the square of their size: every parsed field is measured (length, then a
/// linear count of its separators) before it is parsed.
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
    /// Most members and parameters (counted as `,` and `;` outside Strings, before parsing) in one parsed
    /// Structured Field: `Signature-Input`, `Signature`, or a covered field with `sf` or `key`. Default 1 024, the
    /// least RFC 9651 §3.1, §3.2 require parsers to support.
    public var maximumStructuredFieldMembers: Int
    /// Most members and parameters parsed for the `sf` and `key` components of one signature together (a
    /// Dictionary covered with several `key`s counts once). Default 4 096.
    public var maximumStructuredMembersPerSignature: Int

    /// - Parameters:
    ///   - maximumFieldLength: bytes of `Signature-Input` and of `Signature`. Default 16 384.
    ///   - maximumSignatures: signatures per message. Default 16.
    ///   - maximumComponents: covered components per signature. Default 64.
    ///   - maximumComponentValueLength: bytes of one component value. Default 16 384.
    ///   - maximumStructuredFieldMembers: members and parameters of one parsed field. Default 1 024.
    ///   - maximumStructuredMembersPerSignature: members and parameters parsed for one signature. Default 4 096.
    public init(
        maximumFieldLength: Int = 16_384, maximumSignatures: Int = 16, maximumComponents: Int = 64,
        maximumComponentValueLength: Int = 16_384, maximumStructuredFieldMembers: Int = 1_024,
        maximumStructuredMembersPerSignature: Int = 4_096
    ) {
        self.maximumFieldLength = maximumFieldLength
        self.maximumSignatures = maximumSignatures
        self.maximumComponents = maximumComponents
        self.maximumComponentValueLength = maximumComponentValueLength
        self.maximumStructuredFieldMembers = maximumStructuredFieldMembers
        self.maximumStructuredMembersPerSignature = maximumStructuredMembersPerSignature
    }

    /// The default limits.
    public static let standard = SignatureLimits()
}

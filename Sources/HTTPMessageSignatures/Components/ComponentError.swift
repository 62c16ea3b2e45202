/// Why a covered component could not produce a value (RFC 9421 §2.5: the signer or verifier must fail).
public enum ComponentError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingField(String)
    case missingDerivedValue(String)
    case unsupportedComponent(String)
    case invalidParameter(component: String, parameter: String)
    case structuredFieldParse(String)
    case missingDictionaryKey(component: String, key: String)
    case notApplicable(component: String, reason: String)
    /// The value is longer than ``SignatureLimits/maximumComponentValueLength`` bytes.
    case valueTooLong(component: String, length: Int, limit: Int)
    /// Parsing the field for `sf` or `key` would go over ``SignatureLimits/maximumStructuredFieldMembers`` (for this
    /// field) or ``SignatureLimits/maximumStructuredMembersPerSignature`` (for all such fields of one signature);
    /// `limit` says which.
    case structuredFieldTooLarge(component: String, members: Int, limit: Int)

    public var description: String {
        switch self {
        case .missingField(let name): "the message has no '\(name)' field"
        case .missingDerivedValue(let name): "the message has no value for '\(name)'"
        case .unsupportedComponent(let name): "unsupported component '\(name)'"
        case .invalidParameter(let component, let parameter): "invalid parameter '\(parameter)' on '\(component)'"
        case .structuredFieldParse(let name): "field '\(name)' is not a valid structured field"
        case .missingDictionaryKey(let component, let key): "field '\(component)' has no member '\(key)'"
        case .notApplicable(let component, let reason): "'\(component)' cannot be used here: \(reason)"
        case .valueTooLong(let component, let length, let limit):
            "the value of '\(component)' is \(length) bytes long (limit \(limit))"
        case .structuredFieldTooLarge(let component, let members, let limit):
            "parsing '\(component)' would take \(members) structured members and parameters (limit \(limit))"
        }
    }
}

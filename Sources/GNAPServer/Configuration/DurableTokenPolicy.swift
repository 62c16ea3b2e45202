import GNAP

/// Which access tokens the AS flags `durable` (RFC 9635 §3.2.1): those that keep working when the client modifies
/// their grant (§5.3). The others are revoked by any accepted modification. Rotation (§6.1) always invalidates the
/// rotated value, durable or not, and the rotated token keeps its flags (docs/decisions.md).
public enum DurableTokenPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Every token is durable: a modification never takes away a token already issued (the default).
    case all
    /// No token is durable: a modification revokes every token issued before it.
    case none
    /// A token is durable when each of its rights has one of these types (an object's `type`, or a reference
    /// string itself, §8.1).
    case types(Set<String>)

    /// Whether a token with these rights is durable.
    public func isDurable(_ access: [AccessRight]) -> Bool {
        switch self {
        case .all: return true
        case .none: return false
        case .types(let types):
            return access.allSatisfy { right in
                switch right {
                case .object(let object): types.contains(object.type)
                case .reference(let reference): types.contains(reference)
                }
            }
        }
    }

    /// Parses `all`, `none`, or a comma-separated list of types (`gnapterm serve --durable-tokens`).
    public init(parsing text: String) throws(DurableTokenPolicyError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed {
        case "all": self = .all
        case "none": self = .none
        default:
            let types = trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard !types.isEmpty, types.allSatisfy({ !$0.isEmpty }) else { throw DurableTokenPolicyError(text: text) }
            self = .types(Set(types))
        }
    }

    public var description: String {
        switch self {
        case .all: "all"
        case .none: "none"
        case .types(let types): types.sorted().joined(separator: ",")
        }
    }
}

/// A `--durable-tokens` value that is neither `all`, `none`, nor a list of non-empty types.
public struct DurableTokenPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String

    public var description: String {
        "'\(text)' is not a durable-token policy: use 'all', 'none', or a comma-separated list of access types"
    }
}

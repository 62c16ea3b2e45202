/// What the AS operator allows one pre-registered client beyond interactive grants (`gnapterm serve --clients`).
public struct ClientPolicy: Sendable, Hashable {
    /// The client is an automated agent with a vetted operator; approvers see it as such.
    public var agent: VettedAgent?
    /// The client may send asynchronous requests (RFC 9635 §1.6.3): no `interact`, a named user, who is asked on
    /// their approver terminals.
    public var allowsAsynchronous: Bool
    /// Standing access (§1.6.4 software-only authorization): rights the client receives without a person. A request
    /// within it (every right covered by one of these, ``AccessRight/isCovered(by:)``) gets its tokens at once.
    public var standingAccess: [AccessRight]

    public init(agent: VettedAgent? = nil, allowsAsynchronous: Bool = false, standingAccess: [AccessRight] = []) {
        self.agent = agent
        self.allowsAsynchronous = allowsAsynchronous
        self.standingAccess = standingAccess
    }

    /// Whether standing access covers every requested token: key-bound tokens only (a bearer token is more than the
    /// operator granted), and no subject information, which only a person can release.
    public func standingAccessCovers(_ tokens: [AccessTokenRequest]) -> Bool {
        guard !standingAccess.isEmpty, !tokens.isEmpty else { return false }
        return GrantedAccess(approver: .standingAccess, rights: standingAccess).covers(
            tokens: tokens, subjectFormats: [])
    }
}

extension ApproverRef {
    /// The approver of a grant approved by standing access (§1.6.4): no account, no device.
    public static let standingAccess = ApproverRef(accountID: "", deviceID: "standing-access")

    /// Whether this is ``standingAccess``: the grant was approved by the operator's policy, not by a person.
    public var isStandingAccess: Bool { self == .standingAccess }
}

extension ClientRegistry {
    /// The policy of every registered client, by identifier.
    public var policies: [String: ClientPolicy] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.policy) })
    }

    /// Checks the policy members of one registry entry (at `path`, for messages).
    static func policy(
        agent: VettedAgent?, asynchronous: Bool?, standingAccess: [AccessRight]?, at path: String
    ) throws(ConfigurationFileError) -> ClientPolicy {
        if let agent {
            for (member, value) in [("name", agent.name), ("operator", agent.operator)]
            where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || value.count > 100 {
                throw ConfigurationFileError("'\(path).agent.\(member)' must be 1 to 100 characters")
            }
            if let uri = agent.operatorURI, !isAbsoluteURI(uri) {
                throw ConfigurationFileError("'\(path).agent.operator_uri' must be an absolute URI")
            }
        }
        if let standingAccess {
            guard !standingAccess.isEmpty else {
                throw ConfigurationFileError("'\(path).standing_access' must not be empty (leave it out instead)")
            }
            for (index, right) in standingAccess.enumerated() {
                switch right {
                case .reference(let reference) where reference.isEmpty:
                    throw ConfigurationFileError("'\(path).standing_access[\(index)]' is an empty reference")
                case .object(let object) where object.type.isEmpty:
                    throw ConfigurationFileError("'\(path).standing_access[\(index)].type' must not be empty")
                default:
                    continue
                }
            }
        }
        return ClientPolicy(
            agent: agent, allowsAsynchronous: asynchronous ?? false, standingAccess: standingAccess ?? [])
    }
}

/// What a client says about the automated agent behind a request and about what it is doing: the gnapterm extension
/// member `gnapterm_agent` of a grant request (RFC 9635 §2 allows extension members; the AS ignores none of this one).
/// Self-asserted, like a client's display information (§2.3.2): approvers see it marked as such, apart from the
/// client application, and apart from what the AS operator vetted (``VettedAgent``).
///
/// Only the members below may be sent. Anything else is refused, so that a client cannot dress its claim up as the
/// operator's (`vetted`, `verified`, …): whether an agent is vetted is decided by `gnapterm serve --clients`.
public struct AgentDescription: Sendable, Hashable, Codable {
    /// The agent's name, e.g. "release-bot". Required.
    public var name: String
    /// The model or software behind it, e.g. "claude-sonnet" or "renovate 37".
    public var model: String?
    /// Who says they run it.
    public var `operator`: String?
    /// What it is doing and why it needs the access, in its own words ("deploying build 4312 to staging").
    public var task: String?
    /// A page about the agent (an absolute URI).
    public var uri: String?

    public init(name: String, model: String? = nil, operator: String? = nil, task: String? = nil, uri: String? = nil) {
        self.name = name
        self.model = model
        self.operator = `operator`
        self.task = task
        self.uri = uri
    }

    /// The members a client may send.
    public static let members: Set<String> = ["name", "model", "operator", "task", "uri"]
    /// Members that only the AS operator can set; a client sending one is making a forged claim.
    public static let operatorMembers: Set<String> = [
        "vetted", "verified", "operator_verified", "vetted_operator", "registered",
    ]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
        where !Self.members.contains(key.stringValue) {
            if Self.operatorMembers.contains(key.stringValue) {
                throw GNAPError(
                    .invalidRequest,
                    "'gnapterm_agent.\(key.stringValue)' is a forged claim: a client describes its agent, but only the "
                        + "AS operator can vet one (serve --clients)")
            }
            throw GNAPError(
                .invalidRequest,
                "'gnapterm_agent.\(key.stringValue.prefix(64))' is not a member of an agent description; use "
                    + Self.members.sorted().joined(separator: ", "))
        }
        name = try container.decode(String.self, forKey: Key(stringValue: "name"))
        model = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "model"))
        `operator` = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "operator"))
        task = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "task"))
        uri = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "uri"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(name, forKey: Key(stringValue: "name"))
        try container.encodeIfPresent(model, forKey: Key(stringValue: "model"))
        try container.encodeIfPresent(`operator`, forKey: Key(stringValue: "operator"))
        try container.encodeIfPresent(task, forKey: Key(stringValue: "task"))
        try container.encodeIfPresent(uri, forKey: Key(stringValue: "uri"))
    }
}

/// An automated agent as the AS operator registered it for one client (`gnapterm serve --clients`, member `agent`):
/// the AS vouches for these values, so approvers see them as vetted.
public struct VettedAgent: Sendable, Hashable, Codable {
    public var name: String
    /// Who runs the agent, as the operator checked.
    public var `operator`: String
    public var operatorURI: String?

    public init(name: String, operator: String, operatorURI: String? = nil) {
        self.name = name
        self.operator = `operator`
        self.operatorURI = operatorURI
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case `operator`
        case operatorURI = "operator_uri"
    }
}

/// The agent behind a grant request: what the operator vetted (a registered agent client) and what the request
/// itself claims; either may be absent. Kept with the grant, shown in the review and the inbox, written to the audit
/// log as the first link of agent → client → user.
public struct AgentIdentity: Sendable, Hashable, Codable {
    public var vetted: VettedAgent?
    public var asserted: AgentDescription?

    public init(vetted: VettedAgent?, asserted: AgentDescription?) {
        self.vetted = vetted
        self.asserted = asserted
    }

    /// The name to show first: the vetted one when there is one.
    public var name: String { vetted?.name ?? asserted?.name ?? "" }

    /// One line for the audit log, vetted and self-asserted parts told apart.
    public var auditText: String {
        var parts: [String] = []
        if let vetted { parts.append("agent '\(vetted.name)' (vetted, operator '\(vetted.operator)')") }
        if let asserted {
            var text = vetted == nil ? "agent '\(asserted.name)' (self-asserted" : "(self-asserted: '\(asserted.name)'"
            if let model = asserted.model { text += ", model '\(model)'" }
            if let claimed = asserted.operator { text += ", operator '\(claimed)'" }
            if let task = asserted.task { text += ", task '\(task)'" }
            parts.append(text + ")")
        }
        return parts.joined(separator: " ")
    }
}

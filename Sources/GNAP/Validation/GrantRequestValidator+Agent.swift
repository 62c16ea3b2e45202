import Foundation

/// Validation of the gnapterm extension member `gnapterm_agent` (``AgentDescription``): members a client may not send
/// are refused while decoding; here, their values.
extension GrantRequestValidator {
    func validateAgent(_ agent: AgentDescription?) throws(GNAPError) {
        guard let agent else { return }
        let texts: [(member: String, value: String?, limit: Int)] = [
            ("name", agent.name, 100), ("model", agent.model, 100), ("operator", agent.operator, 100),
            ("task", agent.task, 500),
        ]
        for (member, value, limit) in texts {
            if let value { try Self.checkText(value, "gnapterm_agent.\(member)", limit: limit) }
        }
        if let uri = agent.uri {
            guard let url = URL(string: uri), let scheme = url.scheme?.lowercased(),
                ["https", "http"].contains(scheme),
                url.host != nil, uri.count <= 2048
            else {
                throw GNAPError(.invalidRequest, "'gnapterm_agent.uri' must be an absolute http or https URI")
            }
        }
    }

    /// Text shown to approvers: not blank, not too long, and no control characters (a line break or an escape
    /// sequence could disguise what follows it on a terminal).
    static func checkText(_ value: String, _ path: String, limit: Int) throws(GNAPError) {
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, value.count <= limit else {
            throw GNAPError(.invalidRequest, "'\(path)' must be 1 to \(limit) characters")
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw GNAPError(.invalidRequest, "'\(path)' must not contain control characters")
        }
    }
}

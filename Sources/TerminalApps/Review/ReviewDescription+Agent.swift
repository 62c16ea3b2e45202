import GNAP

extension ReviewDescription {
    /// The automated agent behind a request, apart from the client application: what the AS operator vetted
    /// (registered agents) and what the request claims (self-asserted), each tagged so.
    static func agentFields(_ agent: AgentIdentity?) -> [Field] {
        guard let agent else { return [] }
        var fields: [Field] = []
        if let vetted = agent.vetted {
            fields.append(Field(label: "Agent", value: vetted.name, provenance: .vetted))
            fields.append(
                Field(
                    label: "Run by", value: vetted.operator + (vetted.operatorURI.map { " (\($0))" } ?? ""),
                    provenance: .vetted))
        }
        if let asserted = agent.asserted {
            fields.append(
                Field(
                    label: agent.vetted == nil ? "Agent" : "Agent says", value: asserted.name, provenance: .selfAsserted
                ))
            if let model = asserted.model {
                fields.append(Field(label: "Model", value: model, provenance: .selfAsserted))
            }
            if let claimed = asserted.operator {
                fields.append(Field(label: "Claims run by", value: claimed, provenance: .selfAsserted))
            }
            if let task = asserted.task { fields.append(Field(label: "Task", value: task, provenance: .selfAsserted)) }
            if let uri = asserted.uri { fields.append(Field(label: "About", value: uri, provenance: .selfAsserted)) }
        }
        return fields
    }
}

/// One element of an `access` array (RFC 9635 §8): an object with a `type`, or a reference string (§8.1).
///
/// On the wire it is a ``ValueOrReference`` of ``AccessRightObject`` (same coding); it stays its own type for the
/// names the access code reads (`object`, as §8 calls it) and for the error a client sees when an element is
/// neither a string nor an object.
public enum AccessRight: Sendable, Hashable, Codable {
    case object(AccessRightObject)
    case reference(String)

    public init(_ wire: ValueOrReference<AccessRightObject>) {
        switch wire {
        case .value(let object): self = .object(object)
        case .reference(let reference): self = .reference(reference)
        }
    }

    /// The wire form.
    public var wire: ValueOrReference<AccessRightObject> {
        switch self {
        case .object(let object): .value(object)
        case .reference(let reference): .reference(reference)
        }
    }

    public init(from decoder: any Decoder) throws {
        do {
            self.init(try ValueOrReference<AccessRightObject>(from: decoder))
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.count == decoder.codingPath.count {
            // Neither a string nor an object: say that both are allowed (not "expected an object").
            throw DecodingError.typeMismatch(
                AccessRight.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a reference string or an object with a 'type' (RFC 9635 §8)"))
        }
    }

    public func encode(to encoder: any Encoder) throws { try wire.encode(to: encoder) }
}

/// An access-right object (RFC 9635 §8) with the common fields; API-specific members are kept in ``additional``.
public struct AccessRightObject: Sendable, Hashable, Codable {
    public var type: String
    public var actions: [String]?
    public var locations: [String]?
    public var datatypes: [String]?
    public var identifier: String?
    public var privileges: [String]?
    /// Members other than the common ones, kept so the issued token reflects exactly what was asked.
    public var additional: [String: JSONValue]

    public init(
        type: String, actions: [String]? = nil, locations: [String]? = nil, datatypes: [String]? = nil,
        identifier: String? = nil, privileges: [String]? = nil, additional: [String: JSONValue] = [:]
    ) {
        self.type = type
        self.actions = actions
        self.locations = locations
        self.datatypes = datatypes
        self.identifier = identifier
        self.privileges = privileges
        self.additional = additional
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type, actions, locations, datatypes, identifier, privileges
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        actions = try container.decodeIfPresent([String].self, forKey: .actions)
        locations = try container.decodeIfPresent([String].self, forKey: .locations)
        datatypes = try container.decodeIfPresent([String].self, forKey: .datatypes)
        identifier = try container.decodeIfPresent(String.self, forKey: .identifier)
        privileges = try container.decodeIfPresent([String].self, forKey: .privileges)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        let all = try decoder.container(keyedBy: AnyCodingKey.self)
        var additional: [String: JSONValue] = [:]
        for key in all.allKeys where !known.contains(key.stringValue) {
            additional[key.stringValue] = try all.decode(JSONValue.self, forKey: key)
        }
        self.additional = additional
    }

    public func encode(to encoder: any Encoder) throws {
        var all = encoder.container(keyedBy: AnyCodingKey.self)
        for (name, value) in additional { try all.encode(value, forKey: AnyCodingKey(name)) }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(actions, forKey: .actions)
        try container.encodeIfPresent(locations, forKey: .locations)
        try container.encodeIfPresent(datatypes, forKey: .datatypes)
        try container.encodeIfPresent(identifier, forKey: .identifier)
        try container.encodeIfPresent(privileges, forKey: .privileges)
    }
}

/// The AS's human descriptions of access-right types and reference strings (RFC 9635 §8, §8.1), shown to approvers
/// so they see what a right means rather than a bare identifier. Loaded from a file with `gnapterm serve
/// --access-catalog` (see ``AccessCatalog/load(from:)``), or the built-in ``demo``.
public struct AccessCatalog: Sendable, Hashable, Codable {
    public var types: [String: String]
    public var references: [String: String]
    /// Whether a request naming a reference string (§8.1) that is not in ``references`` is refused with
    /// `invalid_request`. Reference strings are defined by the AS, so one it does not know means nothing to it.
    public var refusesUnknownReferences: Bool

    public init(
        types: [String: String] = [:], references: [String: String] = [:], refusesUnknownReferences: Bool = false
    ) {
        self.types = types
        self.references = references
        self.refusesUnknownReferences = refusesUnknownReferences
    }

    private enum CodingKeys: String, CodingKey {
        case types, references
        case refusesUnknownReferences = "refuse_unknown_references"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        types = try container.decodeIfPresent([String: String].self, forKey: .types) ?? [:]
        references = try container.decodeIfPresent([String: String].self, forKey: .references) ?? [:]
        refusesUnknownReferences = try container.decodeIfPresent(Bool.self, forKey: .refusesUnknownReferences) ?? false
    }

    /// The description of one requested right, if the AS knows its type or reference.
    public func description(of right: AccessRight) -> String? {
        switch right {
        case .object(let object): types[object.type]
        case .reference(let reference): references[reference]
        }
    }

    /// The catalog of the embedded demo AS.
    public static let demo = AccessCatalog(
        types: [
            "photo-api": "Photos stored in your library",
            "calendar": "Your calendar and its events",
            "printer": "Printers you may use",
        ],
        references: [
            "dolphin-metadata": "Metadata of the dolphin research dataset",
            "profile.read": "Read your basic profile (name, avatar)",
        ])
}

extension AccessRight {
    /// A one-line human rendering, e.g. `photo-api: read, write @ https://photos.example (images)`.
    public var summary: String {
        switch self {
        case .reference(let reference):
            return reference
        case .object(let object):
            var text = object.type
            if let actions = object.actions, !actions.isEmpty { text += ": " + actions.joined(separator: ", ") }
            if let locations = object.locations, !locations.isEmpty {
                text += " @ " + locations.joined(separator: ", ")
            }
            if let datatypes = object.datatypes, !datatypes.isEmpty {
                text += " (" + datatypes.joined(separator: ", ") + ")"
            }
            if let identifier = object.identifier { text += " #" + identifier }
            if let privileges = object.privileges, !privileges.isEmpty {
                text += " [" + privileges.joined(separator: ", ") + "]"
            }
            return text
        }
    }
}

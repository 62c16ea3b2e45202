import Foundation

/// Client instances the AS operator registered ahead of time (RFC 9635 §2.3, §2.3.1), read from the file given to
/// `gnapterm serve --clients`. A registered client refers to itself by its identifier (`"client": "<id>"`) and signs
/// with the registered key; its display information is vetted by the operator and shown to approvers as such.
///
/// The file is a JSON object with a `clients` array; each entry has `id` (1 to 128 characters of `A-Z a-z 0-9 . _ ~
/// -`), `key` (a key by value, §7.1: `proof` and a public `jwk`) and `display` (§2.3.2: `name` required, `uri` and
/// `logo_uri` absolute URIs), and optionally what the operator allows it (``ClientPolicy``): `agent` (an automated
/// agent with a vetted operator: `name`, `operator`, `operator_uri`), `asynchronous` (it may ask for a named user
/// without interaction, RFC 9635 §1.6.3) and `standing_access` (rights it gets without a person, §1.6.4).
public struct ClientRegistry: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var key: ClientKeyBinding
        public var display: ClientDisplay
        /// What the operator allows this client beyond interactive grants.
        public var policy: ClientPolicy

        public init(id: String, key: ClientKeyBinding, display: ClientDisplay, policy: ClientPolicy = ClientPolicy()) {
            self.id = id
            self.key = key
            self.display = display
            self.policy = policy
        }

        /// The entry as a stored client instance.
        public func record(createdAt: WallInstant) -> ClientInstanceRecord {
            ClientInstanceRecord(id: id, key: key, display: display, createdAt: createdAt, registered: true)
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    private struct File: Decodable {
        var clients: [FileEntry]
    }

    private struct FileEntry: Decodable {
        var id: String
        var key: ClientKeyValue
        var display: ClientDisplay
        var agent: VettedAgent?
        var asynchronous: Bool?
        var standingAccess: [AccessRight]?

        private enum CodingKeys: String, CodingKey {
            case id, key, display, agent, asynchronous
            case standingAccess = "standing_access"
        }
    }

    /// Reads and checks a registry file.
    public static func load(from data: [UInt8]) throws(ConfigurationFileError) -> ClientRegistry {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(data))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw ConfigurationFileError(GNAPJSON.syntaxError(in: Data(data), root: "the client registry"))
        } catch let error as DecodingError {
            throw ConfigurationFileError(GNAPJSON.describe(error, root: "the client registry"))
        } catch let error as GNAPError {
            throw ConfigurationFileError("the client registry: \(error.errorDescription ?? error.code.rawValue)")
        } catch {
            throw ConfigurationFileError("the client registry is not valid JSON")
        }
        var entries: [Entry] = []
        var ids: Set<String> = []
        var thumbprints: Set<String> = []
        var agentNames: Set<String> = []
        for (index, client) in file.clients.enumerated() {
            let path = "clients[\(index)]"
            guard isIdentifier(client.id) else {
                throw ConfigurationFileError(
                    "'\(path).id' must be 1 to 128 characters of letters, digits, '.', '_', '~' and '-'")
            }
            guard ids.insert(client.id).inserted else {
                throw ConfigurationFileError("client '\(client.id)' is registered twice")
            }
            let key: ClientKeyBinding
            do {
                key = try ClientKeyBinding(client.key)
            } catch {
                throw ConfigurationFileError("'\(path).key': \(error.errorDescription ?? error.code.rawValue)")
            }
            // §2.3: the same key is the same client instance, so two entries cannot share one.
            guard thumbprints.insert(key.thumbprint).inserted else {
                throw ConfigurationFileError("'\(path).key' is already the key of another registered client")
            }
            guard let name = client.display.name, !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ConfigurationFileError("'\(path).display.name' is required")
            }
            for (member, value) in [("uri", client.display.uri), ("logo_uri", client.display.logoURI)] {
                if let value, !isAbsoluteURI(value) {
                    throw ConfigurationFileError("'\(path).display.\(member)' must be an absolute URI")
                }
            }
            let policy = try Self.policy(
                agent: client.agent, asynchronous: client.asynchronous, standingAccess: client.standingAccess,
                at: path)
            if let agent = policy.agent, !agentNames.insert(agent.name.lowercased()).inserted {
                throw ConfigurationFileError("'\(path).agent.name' is already the name of another registered agent")
            }
            entries.append(Entry(id: client.id, key: key, display: client.display, policy: policy))
        }
        return ClientRegistry(entries: entries)
    }

    static func isIdentifier(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                    UInt8(ascii: "-"):
                    true
                default:
                    false
                }
            }
    }

    /// §2.3.2: display URIs must be absolute (a scheme; `data:` logos are allowed).
    static func isAbsoluteURI(_ value: String) -> Bool {
        guard let url = URL(string: value), let scheme = url.scheme, !scheme.isEmpty else { return false }
        return true
    }
}

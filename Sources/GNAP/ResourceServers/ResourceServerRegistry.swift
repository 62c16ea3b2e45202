import Foundation

/// Resource servers the AS operator registered ahead of time (RFC 9767 §3.2, §5.13), read from the file given to
/// `gnapterm serve --resource-servers`. A registered RS identifies itself by key or by its identifier, may introspect
/// tokens for the access types and locations listed for it, and its display name is shown to approvers as vetted.
///
/// The file is a JSON object with a `resource_servers` array; each entry has `id` (1 to 128 characters of `A-Z a-z
/// 0-9 . _ ~ -`), `key` (a key by value: `proof` and a public `jwk`), `display_name`, `access_types` (at least one
/// RFC 9635 §8 `type`), optionally `locations` (absolute URLs; the RS serves those types only there) and
/// `references` (reference strings, RFC 9635 §8.1, such as those of the AS's access catalog, that it serves).
public struct ResourceServerRegistry: Sendable, Hashable {
    public var entries: [ResourceServerRecord]

    public init(entries: [ResourceServerRecord]) { self.entries = entries }

    private struct File: Decodable {
        var resourceServers: [Entry]

        private enum CodingKeys: String, CodingKey {
            case resourceServers = "resource_servers"
        }
    }

    private struct Entry: Decodable {
        var id: String
        var key: ClientKeyValue
        var displayName: String
        var accessTypes: [String]
        var locations: [String]?
        var references: [String]?

        private enum CodingKeys: String, CodingKey {
            case id, key
            case displayName = "display_name"
            case accessTypes = "access_types"
            case locations, references
        }
    }

    /// Reads and checks a registry file; `now` is the registration time of new entries.
    public static func load(from data: [UInt8], now: WallInstant) throws(ConfigurationFileError)
        -> ResourceServerRegistry
    {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(data))
        } catch let error as DecodingError {
            throw ConfigurationFileError(GNAPJSON.describe(error, root: "the resource server registry"))
        } catch let error as GNAPError {
            throw ConfigurationFileError(
                "the resource server registry: \(error.errorDescription ?? error.code.rawValue)")
        } catch {
            throw ConfigurationFileError("the resource server registry is not valid JSON")
        }
        var entries: [ResourceServerRecord] = []
        var thumbprints: Set<String> = []
        for (index, entry) in file.resourceServers.enumerated() {
            let path = "resource_servers[\(index)]"
            guard ClientRegistry.isIdentifier(entry.id) else {
                throw ConfigurationFileError(
                    "'\(path).id' must be 1 to 128 characters of letters, digits, '.', '_', '~' and '-'")
            }
            guard !entries.contains(where: { $0.id == entry.id }) else {
                throw ConfigurationFileError("resource server '\(entry.id)' is registered twice")
            }
            let key: ClientKeyBinding
            do {
                key = try ClientKeyBinding(entry.key)
            } catch {
                throw ConfigurationFileError("'\(path).key': \(error.errorDescription ?? error.code.rawValue)")
            }
            guard thumbprints.insert(key.thumbprint).inserted else {
                throw ConfigurationFileError("'\(path).key' is already the key of another registered resource server")
            }
            guard !entry.displayName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ConfigurationFileError("'\(path).display_name' must not be empty")
            }
            guard !entry.accessTypes.isEmpty, entry.accessTypes.allSatisfy({ !$0.isEmpty }) else {
                throw ConfigurationFileError("'\(path).access_types' must list at least one non-empty type")
            }
            guard (entry.references ?? []).allSatisfy({ !$0.isEmpty }) else {
                throw ConfigurationFileError("'\(path).references' has an empty reference string")
            }
            for location in entry.locations ?? [] {
                guard let url = URLComponents(string: location), url.scheme != nil, url.host != nil else {
                    throw ConfigurationFileError("'\(path).locations' has '\(location)', which is not an absolute URL")
                }
            }
            entries.append(
                ResourceServerRecord(
                    id: entry.id, key: key, displayName: entry.displayName, accessTypes: entry.accessTypes,
                    locations: entry.locations ?? [], references: entry.references ?? [], registered: true,
                    createdAt: now))
        }
        return ResourceServerRegistry(entries: entries)
    }
}

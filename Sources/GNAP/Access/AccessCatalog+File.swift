import Foundation

extension AccessCatalog {
    /// Reads a catalog file: a JSON object with `types` and `references` (each an object from a type or reference
    /// string to its description for approvers) and an optional boolean `refuse_unknown_references`. Every
    /// description must be non-empty text; a catalog must describe something.
    public static func load(from data: [UInt8]) throws(ConfigurationFileError) -> AccessCatalog {
        let catalog: AccessCatalog
        do {
            catalog = try JSONDecoder().decode(AccessCatalog.self, from: Data(data))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw ConfigurationFileError(GNAPJSON.syntaxError(in: Data(data), root: "the access catalog"))
        } catch let error as DecodingError {
            throw ConfigurationFileError(GNAPJSON.describe(error, root: "the access catalog"))
        } catch {
            throw ConfigurationFileError("the access catalog is not valid JSON")
        }
        guard !catalog.types.isEmpty || !catalog.references.isEmpty else {
            throw ConfigurationFileError("the access catalog describes no 'types' and no 'references'")
        }
        for (kind, entries) in [("types", catalog.types), ("references", catalog.references)] {
            for (name, description) in entries.sorted(by: { $0.key < $1.key }) {
                guard !name.isEmpty else { throw ConfigurationFileError("'\(kind)' has an empty name") }
                guard !description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw ConfigurationFileError("'\(kind).\(name)' has no description")
                }
            }
        }
        return catalog
    }

    /// §8.1: refuses a reference string the AS does not know, when ``refusesUnknownReferences`` is set.
    public func checkReferences(in tokens: [AccessTokenRequest]) throws(GNAPError) {
        guard refusesUnknownReferences else { return }
        for token in tokens {
            for case .reference(let reference) in token.access where references[reference] == nil {
                throw GNAPError(.invalidRequest, "unknown access reference '\(reference)'")
            }
        }
    }
}

/// A configuration file the AS was given could not be used; the description says where and why.
public struct ConfigurationFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

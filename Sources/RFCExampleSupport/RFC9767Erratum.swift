import Foundation

/// The departures of RFC 9767's examples from the normative text (they are non-normative and were never
/// machine-checked), each with the smallest repair. The tests check both halves: as printed the example is refused
/// (naming ``member`` when it is valid JSON), and repaired it decodes.
public enum RFC9767Erratum: String, Sendable, CaseIterable {
    /// Member names without quotes (`{ error: "invalid_access" }`): not JSON.
    case unquotedMemberName
    /// Access-right objects without `type`, which RFC 9635 §8 makes REQUIRED. The repair gives them `photo-api`,
    /// the type §3.4's next example gives the very same rights.
    case accessRightWithoutType
    /// An active introspection response without `iss`, which §3.3 makes REQUIRED. The repair names the example's
    /// AS (`server.example.com`, grant endpoint `/tx` as in §4).
    case missingIssuer

    /// The member a decoder names when it refuses the example as printed; nil when the text is not JSON at all.
    public var member: String? {
        switch self {
        case .unquotedMemberName: nil
        case .accessRightWithoutType: "type"
        case .missingIssuer: "iss"
        }
    }

    /// The example's JSON with every erratum in `errata` repaired.
    public static func repair(_ json: String, _ errata: Set<RFC9767Erratum>) throws -> String {
        var text = json
        if errata.contains(.unquotedMemberName) {
            text = text.replacingOccurrences(
                of: #"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:"#, with: "$1\"$2\":", options: .regularExpression)
        }
        guard errata.contains(.accessRightWithoutType) || errata.contains(.missingIssuer) else { return text }
        guard var object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CocoaError(.propertyListReadCorrupt)
        }
        if errata.contains(.missingIssuer) { object["iss"] = "https://server.example.com/tx" }
        if errata.contains(.accessRightWithoutType) { object = typed(object) }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Gives every access-right object in an `access` array (at any depth) the type `photo-api`.
    private static func typed(_ object: [String: Any]) -> [String: Any] {
        var result = object
        for (name, value) in object {
            if name == "access", let rights = value as? [Any] {
                result[name] = rights.map { right -> Any in
                    guard var fields = right as? [String: Any], fields["type"] == nil else { return right }
                    fields["type"] = "photo-api"
                    return fields
                }
            } else if let nested = value as? [String: Any] {
                result[name] = typed(nested)
            }
        }
        return result
    }
}

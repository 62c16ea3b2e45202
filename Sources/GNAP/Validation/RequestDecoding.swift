import Foundation

extension GNAPJSON {
    /// Decodes a request body, turning every decoding failure into `invalid_request` with a description that names
    /// the offending member (RFC 9635 §3.6).
    public static func decodeRequest<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws(GNAPError)
        -> T
    {
        guard !bytes.isEmpty else { throw GNAPError(.invalidRequest, "the request has no JSON content") }
        try checkNesting(bytes, maximumDepth: maximumNestingDepth)
        do {
            return try decoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw GNAPError(.invalidRequest, describe(error))
        } catch let error as GNAPError {
            // A member whose decoding already knows the right §3.6 code (e.g. a key reference, `invalid_client`).
            throw error
        } catch {
            throw GNAPError(.invalidRequest, "the content is not valid JSON")
        }
    }

    /// `root` names the whole document in the message (a request, or a configuration file).
    static func describe(_ error: DecodingError, root: String = "the request") -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let rendered = codingPath.reduce(into: "") { result, key in
                if let index = key.intValue {
                    result += "[\(index)]"
                } else {
                    result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return rendered.isEmpty ? root : "'\(rendered)'"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) has the wrong type (expected \(describeType(type)))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null (expected \(describeType(type)))"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is required"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "the content is not valid JSON" : "\(path(context.codingPath)) is malformed"
        @unknown default:
            return "\(root) is malformed"
        }
    }

    private static func describeType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}

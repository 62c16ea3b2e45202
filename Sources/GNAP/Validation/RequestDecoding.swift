import Foundation

extension GNAPJSON {
    /// Decodes a request body, turning every decoding failure into `invalid_request` with a description that names
    /// the offending member (RFC 9635 §3.6), or where the JSON text breaks. `root` names the whole document in the
    /// descriptions (default: "the content" for broken JSON, "the request" otherwise).
    public static func decodeRequest<T: Decodable>(
        _ type: T.Type, from bytes: some Collection<UInt8>, root: String? = nil
    ) throws(GNAPError) -> T {
        guard !bytes.isEmpty else { throw GNAPError(.invalidRequest, "the request has no JSON content") }
        try checkNesting(bytes, maximumDepth: maximumNestingDepth)
        do {
            return try decoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw GNAPError(.invalidRequest, syntaxError(in: Data(bytes), root: root ?? "the content"))
            }
            throw GNAPError(.invalidRequest, describe(error, root: root ?? "the request"))
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

    /// Where JSON text stops being JSON, for people: `<root> is not valid JSON (at line 1, column 15)`. JSONDecoder
    /// does not say where; JSONSerialization names the character.
    public static func syntaxError(in data: Data, root: String) -> String {
        let base = "\(root) is not valid JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return base
        } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if text.contains("end of file") || text.contains("Unexpected end") { return base + " (it ends too early)" }
            guard let match = text.firstMatch(of: /character ([0-9]+)/), let offset = Int(match.1), offset <= data.count
            else { return base }
            let before = data.prefix(offset)
            let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.startIndex
            let column = String(decoding: data[lineStart..<(data.startIndex + offset)], as: UTF8.self).count + 1
            return base + " (at line \(line), column \(column))"
        }
    }

    private static func describeType(_ type: Any.Type) -> String {
        switch type {
        case is AccessRight.Type: "a reference string or an object with a 'type'"
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}

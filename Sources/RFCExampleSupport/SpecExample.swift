import Foundation

/// One example block of an RFC's markdown source, as the extractor script stored it: verbatim.
public struct SpecExample: Sendable, Decodable {
    public let id: String
    public let section: String
    public let language: String
    public let text: String

    /// Reads a fixture file of this target's `Fixtures/` folder.
    static func load(_ fileName: String) -> [SpecExample] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(fileName)")
        do {
            return try JSONDecoder().decode([SpecExample].self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }

    /// For an HTTP message block: its start line, header fields and content; nil for a bare JSON block.
    public var message: SpecHTTPMessage? { SpecHTTPMessage(parsing: text) }

    /// Whether the JSON shows one member (`"resource_server": {...}`) rather than a whole object.
    public var isFragment: Bool {
        (message?.content ?? text).trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("\"")
    }

    /// The JSON of the example: an HTTP message's content or the whole block; a fragment is wrapped in braces to
    /// make the object it is a member of.
    public var json: String {
        let body = (message?.content ?? text).trimmingCharacters(in: .whitespacesAndNewlines)
        return body.hasPrefix("\"") ? "{\n" + body + "\n}" : body
    }
}

/// An HTTP/1.1 message as an RFC prints it.
public struct SpecHTTPMessage: Sendable {
    public var startLine: String
    public var fields: [(name: String, value: String)]
    public var content: String

    init?(parsing text: String) {
        let lines = text.components(separatedBy: "\n")
        guard let first = lines.first,
            first.range(of: #"^([A-Z]+ \S+ HTTP/1\.1|HTTP/1\.1 \d{3}.*)$"#, options: .regularExpression) != nil
        else { return nil }
        startLine = first
        fields = []
        var index = 1
        while index < lines.count, !lines[index].isEmpty {
            if let colon = lines[index].firstIndex(of: ":") {
                let value = lines[index][lines[index].index(after: colon)...]
                fields.append((String(lines[index][..<colon]), value.trimmingCharacters(in: .whitespaces)))
            }
            index += 1
        }
        content = lines.dropFirst(index + 1).joined(separator: "\n")
    }

    /// The request method, nil for a response.
    public var method: String? { startLine.hasPrefix("HTTP/") ? nil : startLine.components(separatedBy: " ").first }
    /// The request target, nil for a response.
    public var target: String? { method == nil ? nil : startLine.components(separatedBy: " ")[1] }
    /// The status code, nil for a request.
    public var status: Int? { method == nil ? Int(startLine.components(separatedBy: " ")[1]) : nil }

    /// The value of the first field with this name (case-insensitive).
    public func field(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

import Foundation

/// One example block of RFC 9635, as `Fixtures/extract_rfc9635_examples.py` extracted it: verbatim, folded.
struct RFCExample: Sendable, Decodable {
    let id: String
    let section: String
    let language: String
    let text: String

    static let all: [RFCExample] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/rfc9635-examples.json").standardized
        do {
            return try JSONDecoder().decode([RFCExample].self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    static func named(_ id: String) -> RFCExample {
        guard let example = all.first(where: { $0.id == id }) else { fatalError("no RFC 9635 example \(id)") }
        return example
    }

    /// The block with RFC 8792 line folding undone.
    var unfolded: String { RFC8792.unfold(text) }

    /// For an HTTP message block: the start line, the header fields and the content after the empty line. Nil when
    /// the block is not an HTTP message.
    var message: HTTPMessageText? { HTTPMessageText(parsing: unfolded) }

    /// Whether the example shows a member of a request or response rather than a whole one (§2 shows most members
    /// alone, as `"access_token": {...}`).
    var isFragment: Bool {
        (message?.content ?? unfolded).trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("\"")
    }

    /// The JSON text of the example: the content of an HTTP message, or the whole block. A fragment (a member such as
    /// `"access_token": {...}`, as §2 shows them) is wrapped in braces to make an object.
    var json: String {
        let body = (message?.content ?? unfolded).trimmingCharacters(in: .whitespacesAndNewlines)
        return body.hasPrefix("\"") ? "{\n" + body + "\n}" : body
    }
}

/// An HTTP/1.1 message as the RFC prints it.
struct HTTPMessageText: Sendable {
    var startLine: String
    var fields: [(name: String, value: String)]
    var content: String

    init?(parsing text: String) {
        let lines = text.components(separatedBy: "\n")
        guard let first = lines.first,
            first.range(of: #"^([A-Z]+ \S+ HTTP/1\.1|HTTP/1\.1 \d{3}.*|\d{3} .*)$"#, options: .regularExpression) != nil
        else { return nil }
        startLine = first
        fields = []
        var index = 1
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            if let colon = line.firstIndex(of: ":") {
                fields.append(
                    (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            index += 1
        }
        content = lines.dropFirst(index + 1).joined(separator: "\n")
    }

    var method: String? { startLine.hasPrefix("HTTP/") ? nil : startLine.components(separatedBy: " ").first }
    var target: String? { method == nil ? nil : startLine.components(separatedBy: " ")[1] }
}

/// RFC 8792 §7 ("single backslash" strategy): a block that starts with the NOTE header line has its header and the
/// empty line after it removed, and every line ending in `\` is joined with the next one minus its leading spaces.
enum RFC8792 {
    static let header = "NOTE: '\\' line wrapping per RFC 8792"

    static func unfold(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard lines.first == header else { return text }
        lines.removeFirst(lines.count > 1 && lines[1].isEmpty ? 2 : 1)
        return join(lines)
    }

    /// Joins backslash-continued lines (also used to repair the one example that folds without the header).
    static func join(_ lines: [String]) -> String {
        var output: [String] = []
        var pending: String?
        for line in lines {
            let piece = pending == nil ? line : String(line.drop(while: { $0 == " " }))
            let joined = (pending ?? "") + piece
            if joined.hasSuffix("\\") {
                pending = String(joined.dropLast())
            } else {
                output.append(joined)
                pending = nil
            }
        }
        if let pending { output.append(pending) }
        return output.joined(separator: "\n")
    }
}

import Foundation

/// The mistakes some RFC 9635 examples carry (they are non-normative and were never machine-checked), and the
/// smallest repair that makes each one the JSON it obviously means. The tests check both halves: the verbatim text
/// really is broken (so the AS must refuse it with `invalid_request`), and the repaired text parses. A comma before a
/// closing `}` or `]` (L1840, L4278, L7473 and others) is not listed: Foundation's JSON parser, which the AS uses,
/// accepts it, so those examples are taken as printed.
enum RFCExampleErratum: String, Sendable, CaseIterable {
    /// A line holding only `...` stands for "the rest of the request".
    case ellipsis
    /// No comma between two members on consecutive lines.
    case missingComma
    /// Member names without quotes (`{ lat: -32.364 }`).
    case unquotedMemberName
    /// An array closed with `}` (the last one of the example; §3.2.2's second token list).
    case arrayClosedWithBrace
    /// Backslash line folding (RFC 8792) without the NOTE header that announces it.
    case foldedWithoutHeader

    static func repair(_ json: String, _ errata: Set<RFCExampleErratum>) -> String {
        var lines = json.components(separatedBy: "\n")
        if errata.contains(.foldedWithoutHeader) {
            lines = RFC8792.join(lines).components(separatedBy: "\n")
        }
        if errata.contains(.ellipsis) {
            lines.removeAll { $0.trimmingCharacters(in: .whitespaces) == "..." }
        }
        if errata.contains(.missingComma) {
            for index in lines.indices.dropLast() {
                let line = lines[index].trimmingCharacters(in: .whitespaces)
                let next = lines[index + 1].trimmingCharacters(in: .whitespaces)
                let endsAValue = line.hasSuffix("}") || line.hasSuffix("]") || line.hasSuffix("\"")
                if endsAValue && next.hasPrefix("\"") { lines[index] += "," }
            }
        }
        var text = lines.joined(separator: "\n")
        if errata.contains(.unquotedMemberName) {
            text = text.replacingOccurrences(
                of: #"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:"#, with: "$1\"$2\":", options: .regularExpression)
        }
        if errata.contains(.arrayClosedWithBrace), let last = text.lastIndex(of: "}"),
            let closing = text[..<last].lastIndex(of: "}")
        {
            // The fragment's own closing brace is the one before the brace this test wrapped it in.
            text.replaceSubrange(closing...closing, with: "]")
        }
        return text
    }
}

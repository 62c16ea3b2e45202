import Foundation

/// A device's request link where a code is expected (typed or pasted at the code prompt): its interaction URL
/// (RFC 9635 §3.3.1) or its application URI (§3.3.2, `gnapterm:approve?…`). Only tells links from codes; the AS
/// decides whether a link is one of its own.
enum RequestLink {
    static let prefixes = ["http://", "https://", "gnapterm:"]

    /// True when `text` (surrounding spaces aside) starts like a link rather than a code.
    static func isLink(_ text: String) -> Bool {
        let lower = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return prefixes.contains { lower.hasPrefix($0) }
    }

    /// True when `text` could still become a link as more is typed ("h", "https:/", "gnap"), ignoring case.
    static func couldBecomeLink(_ text: String) -> Bool {
        let lower = text.lowercased()
        return prefixes.contains { $0.hasPrefix(lower) || lower.hasPrefix($0) }
    }
}

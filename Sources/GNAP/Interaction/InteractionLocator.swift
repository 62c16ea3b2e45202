import Foundation

/// Where a person approves a grant whose client asked for the `redirect` or `app` start mode (RFC 9635 §3.3.1,
/// §3.3.2): one interaction id, unique to the grant, in two forms.
///
/// - The interaction URL `<AS base>/interact/<id>` (the `redirect` value). A browser gets a page that says how to
///   approve from a terminal; `gnapterm approve --as <AS> <URL>` opens the review directly.
/// - The application URI `gnapterm:approve?as=<percent-encoded AS base>&interaction=<id>` (the `app` value), for a
///   system that hands `gnapterm:` URIs to the terminal approver.
///
/// The id is the only secret in either form (§3.3.1: nothing else security-sensitive); the AS stores only its hash.
public struct InteractionLocator: Sendable, Hashable {
    /// The AS base URL: scheme and authority, no path, no trailing slash.
    public var base: String
    /// The interaction id: random, unpadded base64url.
    public var id: String

    public init(base: String, id: String) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.id = id
    }

    /// The application URI scheme.
    public static let appScheme = "gnapterm"
    /// The path prefix of interaction URLs.
    public static let pathPrefix = "/interact/"

    /// The interaction URL (the `redirect` start mode's value).
    public var url: String { base + Self.pathPrefix + id }

    /// The application URI (the `app` start mode's value).
    public var appURI: String { "\(Self.appScheme):approve?as=\(Self.percentEncode(base))&interaction=\(id)" }

    /// Reads an interaction URL or application URI (surrounding white space is ignored).
    public init(parsing input: String) throws(InteractionLocatorError) {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw InteractionLocatorError("the interaction URL is empty") }
        if text.lowercased().hasPrefix(Self.appScheme + ":") {
            try self.init(appURI: text)
        } else {
            try self.init(url: text)
        }
    }

    private init(url text: String) throws(InteractionLocatorError) {
        let lowered = text.lowercased()
        guard let schemeEnd = text.range(of: "://"), lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
        else {
            throw InteractionLocatorError(
                "'\(text)' is neither an interaction URL (http(s)://…/interact/…) nor a \(Self.appScheme): URI")
        }
        let afterScheme = text[schemeEnd.upperBound...]
        guard let pathStart = afterScheme.firstIndex(of: "/"), pathStart != afterScheme.startIndex else {
            throw InteractionLocatorError("'\(text)' has no interaction path (expected …/interact/<id>)")
        }
        let path = afterScheme[pathStart...]
        guard path.hasPrefix(Self.pathPrefix) else {
            throw InteractionLocatorError("'\(text)' is not an interaction URL (expected …/interact/<id>)")
        }
        let id = String(path.dropFirst(Self.pathPrefix.count))
        try Self.checkID(id, in: text)
        self.init(base: String(text[..<pathStart]), id: id)
    }

    private init(appURI text: String) throws(InteractionLocatorError) {
        let rest = text.dropFirst(Self.appScheme.count + 1)
        guard rest.hasPrefix("approve?") else {
            throw InteractionLocatorError("'\(text)' is not a \(Self.appScheme):approve?… URI")
        }
        var values: [String: String] = [:]
        for pair in rest.dropFirst("approve?".count).split(separator: "&", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let value = Self.percentDecode(parts[1]) else {
                throw InteractionLocatorError("'\(text)' has a malformed query")
            }
            let name = String(parts[0])
            guard values[name] == nil else { throw InteractionLocatorError("'\(text)' repeats '\(name)'") }
            values[name] = value
        }
        guard let base = values["as"], let id = values["interaction"] else {
            throw InteractionLocatorError("'\(text)' needs both 'as' and 'interaction'")
        }
        let lowered = base.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw InteractionLocatorError("'as' in '\(text)' is not an http(s) URL")
        }
        try Self.checkID(id, in: text)
        self.init(base: base, id: id)
    }

    /// Whether this interaction belongs to the AS at `base` (scheme and host compared case-insensitively).
    public func belongs(to otherBase: String) -> Bool {
        Self.normalized(base) == Self.normalized(otherBase)
    }

    private static func normalized(_ base: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base).lowercased()
    }

    private static func checkID(_ id: String, in text: String) throws(InteractionLocatorError) {
        guard (16...128).contains(id.utf8.count), id.utf8.allSatisfy(isBase64URLByte) else {
            throw InteractionLocatorError("'\(text)' does not end in an interaction id")
        }
    }

    private static func isBase64URLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    /// Percent-encodes everything outside RFC 3986's unreserved set (§2.3: `A-Z a-z 0-9 - . _ ~`).
    static func percentEncode(_ text: String) -> String {
        // Every character outside the allowed set is encodable, so Foundation never returns nil here.
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func percentDecode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why a text is not an interaction URL or application URI. The description is for people.
public struct InteractionLocatorError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

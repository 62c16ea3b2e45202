import Synchronization

/// The AS's public base URL, known once the listener is bound (port 0 means "any free port").
public final class PublicURL: Sendable {
    private let value: Mutex<String?>

    init(_ initial: String?) { value = Mutex(initial.map(Self.trimmed)) }

    /// The base URL, e.g. `http://127.0.0.1:8080`.
    public var base: String {
        // Requests can only arrive after binding, which sets the value; the fallback is never used on a live server.
        value.withLock { $0 } ?? "http://localhost"
    }

    var isSet: Bool { value.withLock { $0 != nil } }

    func set(_ url: String) { value.withLock { $0 = Self.trimmed(url) } }

    /// Splits the base into scheme and authority for `@target-uri` reconstruction.
    var schemeAndAuthority: (scheme: String, authority: String) {
        let text = base
        guard let range = text.range(of: "://") else { return ("http", text) }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    private static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}

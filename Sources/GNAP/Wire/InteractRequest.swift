/// The `interact` member of a grant request (RFC 9635 §2.5).
public struct InteractRequest: Sendable, Hashable, Codable {
    /// Start modes (§2.5.1), e.g. `user_code`, `user_code_uri`, `redirect`, `app`.
    public var start: [String]
    public var finish: InteractFinish?
    public var hints: InteractHints?

    public init(start: [String], finish: InteractFinish? = nil, hints: InteractHints? = nil) {
        self.start = start
        self.finish = finish
        self.hints = hints
    }

    private enum CodingKeys: String, CodingKey {
        case start, finish, hints
    }
}

/// Interaction start modes defined by RFC 9635 §2.5.1.
public enum StartMode {
    public static let redirect = "redirect"
    public static let app = "app"
    public static let userCode = "user_code"
    public static let userCodeURI = "user_code_uri"
}

/// How the client wants to learn that interaction finished (RFC 9635 §2.5.2).
public struct InteractFinish: Sendable, Hashable, Codable {
    public var method: String
    public var uri: String
    public var nonce: String
    public var hashMethod: String?

    public init(method: String, uri: String, nonce: String, hashMethod: String? = nil) {
        self.method = method
        self.uri = uri
        self.nonce = nonce
        self.hashMethod = hashMethod
    }

    private enum CodingKeys: String, CodingKey {
        case method, uri, nonce
        case hashMethod = "hash_method"
    }
}

/// Interaction hints (RFC 9635 §2.5.3).
public struct InteractHints: Sendable, Hashable, Codable {
    public var uiLocales: [String]?

    public init(uiLocales: [String]? = nil) { self.uiLocales = uiLocales }

    private enum CodingKeys: String, CodingKey {
        case uiLocales = "ui_locales"
    }
}

/// An error (RFC 9635 §3.6): a registered code and an optional developer-facing description.
///
/// Encodes as the object form `{"code": …, "description": …}`; decodes the object or the bare string form.
public struct GNAPError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: Code
    public var errorDescription: String?

    public init(_ code: Code, _ description: String? = nil) {
        self.code = code
        self.errorDescription = description
    }

    /// Error codes of the GNAP Error Codes registry (§3.6, §10.15). Unknown codes received from a peer are kept.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidRequest = Code(rawValue: "invalid_request")
        public static let invalidClient = Code(rawValue: "invalid_client")
        public static let invalidInteraction = Code(rawValue: "invalid_interaction")
        public static let invalidFlag = Code(rawValue: "invalid_flag")
        public static let invalidRotation = Code(rawValue: "invalid_rotation")
        public static let keyRotationNotSupported = Code(rawValue: "key_rotation_not_supported")
        public static let invalidContinuation = Code(rawValue: "invalid_continuation")
        public static let userDenied = Code(rawValue: "user_denied")
        public static let requestDenied = Code(rawValue: "request_denied")
        public static let unknownUser = Code(rawValue: "unknown_user")
        public static let unknownInteraction = Code(rawValue: "unknown_interaction")
        public static let tooFast = Code(rawValue: "too_fast")
        public static let tooManyAttempts = Code(rawValue: "too_many_attempts")

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    public var description: String {
        errorDescription.map { "\(code.rawValue): \($0)" } ?? code.rawValue
    }

    private enum CodingKeys: String, CodingKey {
        case code
        case errorDescription = "description"
    }

    public init(from decoder: any Decoder) throws {
        if let bare = try? decoder.singleValueContainer().decode(String.self) {
            self.init(Code(rawValue: bare))
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try container.decode(Code.self, forKey: .code),
            try container.decodeIfPresent(String.self, forKey: .errorDescription))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encodeIfPresent(errorDescription, forKey: .errorDescription)
    }
}

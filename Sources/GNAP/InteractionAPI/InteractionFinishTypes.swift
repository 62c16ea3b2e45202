/// `POST /interact/v1/interaction`: open an interaction from its interaction URL or application URI (RFC 9635
/// §3.3.1, §3.3.2) instead of a user code. The URL travels in the content, signed, like a user code.
public struct InteractionOpenRequest: Sendable, Hashable, Codable {
    /// The interaction URL (`<AS>/interact/<id>`) or application URI (`gnapterm:approve?…`).
    public var interaction: String

    public init(interaction: String) { self.interaction = interaction }

    private enum CodingKeys: String, CodingKey {
        case interaction
    }
}

/// Where the client asked the person (or the AS) to go once the interaction ends (RFC 9635 §2.5.2), shown in the
/// review: §2.5.2 says the callback URI "SHOULD be presented to the RO during the interaction phase".
public struct FinishReview: Sendable, Hashable, Codable {
    public var method: FinishMethod
    public var uri: String

    public init(method: FinishMethod, uri: String) {
        self.method = method
        self.uri = uri
    }

    private enum CodingKeys: String, CodingKey {
        case method, uri
    }
}

/// What the AS did with the client's finish method after a decision (RFC 9635 §4.2).
public struct FinishNotice: Sendable, Hashable, Codable {
    public var method: FinishMethod
    /// `redirect`: where to send the person now (the client's URI with `hash` and `interact_ref`, §4.2.1).
    /// `push`: the client URI the AS posted to (§4.2.2).
    public var uri: String
    /// `push` only: how the POST went.
    public var delivery: Delivery?

    public enum Delivery: String, Sendable, Hashable, Codable {
        /// The client answered with a 2xx status.
        case delivered
        /// The client refused it, could not be reached, or did not answer in time (see the audit log).
        case failed
        /// Still in progress when the answer was sent; the outcome goes to the audit log.
        case pending
    }

    public init(method: FinishMethod, uri: String, delivery: Delivery? = nil) {
        self.method = method
        self.uri = uri
        self.delivery = delivery
    }

    private enum CodingKeys: String, CodingKey {
        case method, uri, delivery
    }
}

/// The content of a `push` finish (RFC 9635 §4.2.2) and the query of a `redirect` finish (§4.2.1).
public struct InteractionFinishCallback: Sendable, Hashable, Codable {
    public var hash: String
    public var interactRef: String

    public init(hash: String, interactRef: String) {
        self.hash = hash
        self.interactRef = interactRef
    }

    private enum CodingKeys: String, CodingKey {
        case hash
        case interactRef = "interact_ref"
    }
}

extension GNAPError.Code {
    // Interaction API codes for the `redirect`/`app` start modes.
    public static let interactionURLMalformed = GNAPError.Code(rawValue: "invalid_interaction_url")
    public static let interactionURLUnknown = GNAPError.Code(rawValue: "unknown_interaction_url")
    public static let interactionExpired = GNAPError.Code(rawValue: "expired_interaction")
    public static let interactionUsed = GNAPError.Code(rawValue: "used_interaction")
    /// Another start mode of the same grant was already used (§4.1).
    public static let startModeUsed = GNAPError.Code(rawValue: "start_mode_used")
}

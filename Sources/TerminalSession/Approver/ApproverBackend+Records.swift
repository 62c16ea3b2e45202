import GNAP

/// A grant this approver approved that still holds active tokens, as the AS lists it (`GET /interact/v1/grants`:
/// `id`, `client_name`, `client_vetted`, `decided_at`, `state`).
public struct ActiveGrant: Sendable, Hashable {
    public var id: String
    public var clientName: String?
    public var clientVetted: Bool
    /// When it was approved.
    public var decidedAt: WallInstant?
    /// The AS's state name, e.g. "approved" or "finalized".
    public var state: String

    public init(id: String, clientName: String?, clientVetted: Bool, decidedAt: WallInstant?, state: String) {
        self.id = id
        self.clientName = clientName
        self.clientVetted = clientVetted
        self.decidedAt = decidedAt
        self.state = state
    }
}

/// One device key of this approver.
public struct DeviceKeyInfo: Sendable, Hashable {
    /// Where the key comes from: this terminal's store, or the AS's list of the account's devices.
    public enum Origin: String, Sendable, Hashable {
        case thisTerminal = "this terminal"
        case server = "AS"
    }

    public var origin: Origin
    public var server: String
    public var deviceID: String
    /// The device's name at the AS, when known.
    public var name: String?
    /// The RFC 7638 SHA-256 thumbprint of the public key, what an admin sees for the device.
    public var thumbprint: String
    public var enrolledAt: WallInstant?
    /// True when the private key is sealed under a passphrase (this terminal's key only).
    public var isSealed: Bool
    /// When the AS revoked it (AS keys only).
    public var revokedAt: WallInstant?

    public init(
        origin: Origin, server: String, deviceID: String, name: String? = nil, thumbprint: String,
        enrolledAt: WallInstant?, isSealed: Bool = false, revokedAt: WallInstant? = nil
    ) {
        self.origin = origin
        self.server = server
        self.deviceID = deviceID
        self.name = name
        self.thumbprint = thumbprint
        self.enrolledAt = enrolledAt
        self.isSealed = isSealed
        self.revokedAt = revokedAt
    }
}

extension ApproverFailure {
    /// The AS does not offer `what` (yet): the routes of the approver's own grants and devices come with the
    /// accounts API.
    public static func notOffered(_ what: String) -> ApproverFailure {
        ApproverFailure(code: "not_offered", message: "This authorization server does not offer \(what).")
    }
}

extension ApproverBackend {
    public func searchHistory(_ query: String, limit: Int) async throws(ApproverFailure) -> [DecisionRecord] {
        let words = query.lowercased().split { $0.isWhitespace }
        return try await history(limit: limit).filter { record in
            let text =
                ([record.clientName, record.grantID, record.decision.rawValue, record.reason ?? ""]
                + record.grantedRights + record.withheldRights + record.releasedSubject).joined(separator: " ")
                .lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }

    public func activeGrants() async throws(ApproverFailure) -> [ActiveGrant] {
        throw .notOffered("a list of your active grants")
    }

    public func revokeGrant(_ grantID: String, reason: String) async throws(ApproverFailure) {
        throw .notOffered("revoking grants from the approver")
    }

    public func deviceKeys() async throws(ApproverFailure) -> [DeviceKeyInfo] { [] }

    public func rotateDeviceKey() async throws(ApproverFailure) -> DeviceKeyInfo {
        throw .notOffered("device key rotation")
    }
}

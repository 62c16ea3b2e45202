import GNAP

/// The grant a headless device holds after `gnapterm device` was approved: the tokens the AS issued (with their
/// §3.2.1 management URIs and tokens) and the subject information, kept so that `gnapterm device token
/// show|rotate|revoke` can manage them later (RFC 9635 §6).
public struct DeviceGrantRecord: Sendable, Hashable, Codable {
    /// The AS base URL the grant came from.
    public var server: String
    public var receivedAt: WallInstant
    public var accessToken: AccessTokenResponses?
    public var subject: SubjectResponse?

    public init(
        server: String, receivedAt: WallInstant, accessToken: AccessTokenResponses?, subject: SubjectResponse?
    ) {
        self.server = server
        self.receivedAt = receivedAt
        self.accessToken = accessToken
        self.subject = subject
    }

    private enum CodingKeys: String, CodingKey {
        case server
        case receivedAt = "received_at"
        case accessToken = "access_token"
        case subject
    }
}

/// Where a device keeps its grant (one per name; a newer grant replaces the older). Holds live tokens: the
/// implementation must keep them out of reach of other users (the local SQLite file is mode 0600).
public protocol DeviceGrantStore: Sendable {
    func deviceGrant(name: String) async throws -> DeviceGrantRecord?
    func saveDeviceGrant(_ record: DeviceGrantRecord, name: String) async throws
    func deleteDeviceGrant(name: String) async throws
}

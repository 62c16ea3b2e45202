import GNAP
import GNAPClient

/// The grant a headless device holds after `gnapterm device` was approved: the tokens the AS issued (with their
/// §3.2.1 management URIs and tokens) and the subject information, kept so that `gnapterm device token
/// show|rotate|revoke` can manage them later (RFC 9635 §6).
public struct DeviceGrantRecord: Sendable, Hashable, Codable {
    /// The AS base URL the grant came from.
    public var server: String
    public var receivedAt: WallInstant
    public var accessToken: AccessTokenResponses?
    public var subject: SubjectResponse?
    /// How the device proved its key for this grant; token management proves the same way. Nil for grants stored
    /// before the device knew other methods than httpsig.
    public var proof: DeviceProofSettings?
    /// The client instance the AS made for the device (RFC 9635 §3.5), for a key rotation.
    public var instanceID: String?

    public init(
        server: String, receivedAt: WallInstant, accessToken: AccessTokenResponses?, subject: SubjectResponse?,
        proof: DeviceProofSettings? = nil, instanceID: String? = nil
    ) {
        self.server = server
        self.receivedAt = receivedAt
        self.accessToken = accessToken
        self.subject = subject
        self.proof = proof
        self.instanceID = instanceID
    }

    private enum CodingKeys: String, CodingKey {
        case server
        case receivedAt = "received_at"
        case accessToken = "access_token"
        case subject
        case proof
        case instanceID = "instance_id"
    }
}

/// Where a device keeps its grant (one per name; a newer grant replaces the older). Holds live tokens: the
/// implementation must keep them out of reach of other users (the local SQLite file is mode 0600).
public protocol DeviceGrantStore: Sendable {
    func deviceGrant(name: String) async throws -> DeviceGrantRecord?
    func saveDeviceGrant(_ record: DeviceGrantRecord, name: String) async throws
    func deleteDeviceGrant(name: String) async throws
}

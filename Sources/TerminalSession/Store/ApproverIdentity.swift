import GNAP
import HTTPMessageSignatures

/// This terminal's enrollment at one AS.
public struct ApproverIdentity: Sendable, Hashable, Codable {
    /// The AS base URL this identity is enrolled at.
    public var server: String
    public var deviceID: String
    /// The device's private key (JWK).
    public var privateKey: JWK
    public var username: String
    public var displayName: String
    public var enrolledAt: WallInstant

    public init(
        server: String, deviceID: String, privateKey: JWK, username: String, displayName: String,
        enrolledAt: WallInstant
    ) {
        self.server = server
        self.deviceID = deviceID
        self.privateKey = privateKey
        self.username = username
        self.displayName = displayName
        self.enrolledAt = enrolledAt
    }
}

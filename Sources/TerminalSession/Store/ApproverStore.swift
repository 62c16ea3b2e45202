import HTTPMessageSignatures

/// The terminal side's local state: the approver's enrolled device key and the decision history.
public protocol ApproverStore: ApproverKeyStore {
    func approverIdentity(server: String) async throws -> ApproverIdentity?
    func saveApproverIdentity(_ identity: ApproverIdentity) async throws
    func recordDecision(_ decision: DecisionRecord) async throws
    /// Most recent first.
    func decisions(limit: Int) async throws -> [DecisionRecord]
    /// The decisions in which every word of `query` occurs (as a word or the start of one: client, grant, server,
    /// rights, subject formats, decision, reason), most recent first.
    func searchDecisions(matching query: String, limit: Int) async throws -> [DecisionRecord]
}

/// The headless device's (client instance's) local key storage.
public protocol ClientKeyStore: Sendable {
    /// The private JWK stored under `name`, if any.
    func clientKey(name: String) async throws -> JWK?
    func saveClientKey(name: String, jwk: JWK) async throws
}

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

/// One decision taken at this terminal.
public struct DecisionRecord: Sendable, Hashable, Codable {
    public enum Decision: String, Sendable, Hashable, Codable {
        case approved
        case denied
    }

    public var id: String
    public var decidedAt: WallInstant
    public var server: String
    public var grantID: String
    public var clientName: String
    public var clientURI: String?
    public var keyThumbprint: String
    public var decision: Decision
    /// Human renderings of the rights granted and withheld.
    public var grantedRights: [String]
    public var withheldRights: [String]
    /// Subject identifier formats released.
    public var releasedSubject: [String]
    public var reason: String?

    public init(
        id: String, decidedAt: WallInstant, server: String, grantID: String, clientName: String, clientURI: String?,
        keyThumbprint: String, decision: Decision, grantedRights: [String], withheldRights: [String],
        releasedSubject: [String], reason: String?
    ) {
        self.id = id
        self.decidedAt = decidedAt
        self.server = server
        self.grantID = grantID
        self.clientName = clientName
        self.clientURI = clientURI
        self.keyThumbprint = keyThumbprint
        self.decision = decision
        self.grantedRights = grantedRights
        self.withheldRights = withheldRights
        self.releasedSubject = releasedSubject
        self.reason = reason
    }
}

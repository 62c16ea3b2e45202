import GNAP

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
    /// The rights granted and withheld as RFC 9635 §8 access objects (nil in records made before they were kept).
    public var grantedAccess: [AccessRight]?
    public var withheldAccess: [AccessRight]?

    public init(
        id: String, decidedAt: WallInstant, server: String, grantID: String, clientName: String, clientURI: String?,
        keyThumbprint: String, decision: Decision, grantedRights: [String], withheldRights: [String],
        releasedSubject: [String], reason: String?, grantedAccess: [AccessRight]? = nil,
        withheldAccess: [AccessRight]? = nil
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
        self.grantedAccess = grantedAccess
        self.withheldAccess = withheldAccess
    }
}

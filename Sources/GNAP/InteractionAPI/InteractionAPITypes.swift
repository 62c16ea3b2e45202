import HTTPMessageSignatures

// The approver interaction API of this AS (the project's own; see Assets/openapi.yaml). Every call is an RFC 9421
// request signed by the approver device's enrolled key (profile ``SignatureProfile/approverAPI``).

/// `POST /interact/v1/enroll`: bind a new device key to the account an enrollment code was issued for. The request
/// is signed by the new key itself, proving possession.
public struct EnrollmentRequest: Sendable, Hashable, Codable {
    public var code: String
    public var deviceName: String
    public var jwk: JWK

    public init(code: String, deviceName: String, jwk: JWK) {
        self.code = code
        self.deviceName = deviceName
        self.jwk = jwk
    }

    private enum CodingKeys: String, CodingKey {
        case code
        case deviceName = "device_name"
        case jwk
    }
}

public struct EnrollmentResponse: Sendable, Hashable, Codable {
    public var deviceID: String
    public var account: AccountSummary

    public init(deviceID: String, account: AccountSummary) {
        self.deviceID = deviceID
        self.account = account
    }

    private enum CodingKeys: String, CodingKey {
        case deviceID = "device_id"
        case account
    }
}

public struct AccountSummary: Sendable, Hashable, Codable {
    public var username: String
    public var displayName: String
    public var role: Account.Role

    public init(username: String, displayName: String, role: Account.Role) {
        self.username = username
        self.displayName = displayName
        self.role = role
    }

    private enum CodingKeys: String, CodingKey {
        case username
        case displayName = "display_name"
        case role
    }
}

/// `POST /interact/v1/code`: enter a user code. The code travels in the body, never in a URL.
public struct CodeEntryRequest: Sendable, Hashable, Codable {
    public var userCode: String

    public init(userCode: String) { self.userCode = userCode }

    private enum CodingKeys: String, CodingKey {
        case userCode = "user_code"
    }
}

/// `POST /interact/v1/grants/{id}/approve`.
public struct ApprovalRequest: Sendable, Hashable, Codable {
    /// Identifiers of the rights to grant (``RightReview/id``); every other right is withheld.
    public var rights: [String]
    /// Subject identifier formats to release.
    public var subjectFormats: [String]
    /// Assertion formats to release (``SubjectReview/assertionFormats``); absent means none.
    public var assertionFormats: [String]

    public init(rights: [String], subjectFormats: [String], assertionFormats: [String] = []) {
        self.rights = rights
        self.subjectFormats = subjectFormats
        self.assertionFormats = assertionFormats
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rights = try container.decode([String].self, forKey: .rights)
        subjectFormats = try container.decode([String].self, forKey: .subjectFormats)
        // Approver terminals from before assertions existed send no such member: they release none.
        assertionFormats = try container.decodeIfPresent([String].self, forKey: .assertionFormats) ?? []
    }

    private enum CodingKeys: String, CodingKey {
        case rights
        case subjectFormats = "subject_formats"
        case assertionFormats = "assertion_formats"
    }
}

/// `POST /interact/v1/grants/{id}/deny`.
public struct DenialRequest: Sendable, Hashable, Codable {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    private enum CodingKeys: String, CodingKey {
        case reason
    }
}

/// The answer to a decision.
public struct DecisionResponse: Sendable, Hashable, Codable {
    public var grantID: String
    public var status: GrantStatus
    /// What the AS did with the client's interaction finish method, if it has one (RFC 9635 §4.2).
    public var finish: FinishNotice?

    public init(grantID: String, status: GrantStatus, finish: FinishNotice? = nil) {
        self.grantID = grantID
        self.status = status
        self.finish = finish
    }

    private enum CodingKeys: String, CodingKey {
        case grantID = "grant_id"
        case status, finish
    }
}

extension GNAPError.Code {
    // Error codes of the interaction API (beyond RFC 9635's registry, which covers the client-facing API only).
    public static let invalidSignature = GNAPError.Code(rawValue: "invalid_signature")
    public static let unknownDevice = GNAPError.Code(rawValue: "unknown_device")
    public static let enrollmentRefused = GNAPError.Code(rawValue: "invalid_enrollment_code")
    public static let userCodeMalformed = GNAPError.Code(rawValue: "invalid_user_code")
    public static let userCodeUnknown = GNAPError.Code(rawValue: "unknown_user_code")
    public static let userCodeExpired = GNAPError.Code(rawValue: "expired_user_code")
    public static let userCodeUsed = GNAPError.Code(rawValue: "used_user_code")
    /// The client cancelled the grant (RFC 9635 §5.4) before anyone decided: the device gave up waiting.
    public static let requestWithdrawn = GNAPError.Code(rawValue: "request_withdrawn")
    public static let alreadyDecided = GNAPError.Code(rawValue: "already_decided")
    public static let notFound = GNAPError.Code(rawValue: "not_found")
    public static let replayedRequest = GNAPError.Code(rawValue: "replayed_request")
    public static let accountDisabled = GNAPError.Code(rawValue: "account_disabled")
}

// Account and device types of the admin API (and the approver's own device list). Times are RFC 3339 text.

/// An account as the admin API shows it.
public struct AccountView: Sendable, Hashable, Codable {
    public var id: String
    public var username: String
    public var displayName: String
    public var role: Account.Role
    /// The `opaque` subject identifier (RFC 9493) the AS generated for the account.
    public var opaqueSubject: String
    public var email: String?
    public var disabled: Bool
    public var createdAt: String
    public var updatedAt: String

    public init(_ account: Account) {
        id = account.id
        username = account.username
        displayName = account.displayName
        role = account.role
        opaqueSubject = account.opaqueSubject
        email = account.email
        disabled = account.disabled
        createdAt = account.createdAt.iso8601
        updatedAt = account.updatedAt.iso8601
    }

    private enum CodingKeys: String, CodingKey {
        case id, username, role, email, disabled
        case displayName = "display_name"
        case opaqueSubject = "opaque_subject"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

public struct AccountList: Sendable, Hashable, Codable {
    public var accounts: [AccountView]
    public init(accounts: [AccountView]) { self.accounts = accounts }
}

/// `POST /admin/v1/accounts/{username}/role`.
public struct RoleChangeRequest: Sendable, Hashable, Codable {
    public var role: Account.Role

    public init(role: Account.Role) { self.role = role }

    private enum CodingKeys: String, CodingKey {
        case role
    }
}

/// `POST /admin/v1/accounts`.
public struct NewAccountRequest: Sendable, Hashable, Codable {
    public var username: String
    public var displayName: String?
    public var role: Account.Role?
    public var email: String?

    public init(username: String, displayName: String? = nil, role: Account.Role? = nil, email: String? = nil) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.email = email
    }

    private enum CodingKeys: String, CodingKey {
        case username, role, email
        case displayName = "display_name"
    }
}

/// `POST /admin/v1/accounts/{username}/invitations`: a one-time enrollment code for a new device of the account.
public struct InvitationResponse: Sendable, Hashable, Codable {
    public var username: String
    /// Shown once; the AS keeps only its hash.
    public var code: String
    public var expiresAt: String

    public init(username: String, code: String, expiresAt: String) {
        self.username = username
        self.code = code
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case username, code
        case expiresAt = "expires_at"
    }
}

/// An enrolled approver device (never its key, only the key's thumbprint).
public struct DeviceView: Sendable, Hashable, Codable {
    public var id: String
    public var accountID: String
    public var name: String
    public var thumbprint: String
    public var enrolledAt: String
    public var lastSeenAt: String?
    public var revokedAt: String?

    public init(_ device: ApproverDevice) {
        id = device.id
        accountID = device.accountID
        name = device.name
        thumbprint = device.thumbprint
        enrolledAt = device.enrolledAt.iso8601
        lastSeenAt = device.lastSeenAt?.iso8601
        revokedAt = device.revokedAt?.iso8601
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, thumbprint
        case accountID = "account_id"
        case enrolledAt = "enrolled_at"
        case lastSeenAt = "last_seen_at"
        case revokedAt = "revoked_at"
    }
}

public struct DeviceList: Sendable, Hashable, Codable {
    public var devices: [DeviceView]
    public init(devices: [DeviceView]) { self.devices = devices }
}

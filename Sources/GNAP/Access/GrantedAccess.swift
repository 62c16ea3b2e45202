/// What the resource owner has consented to over the life of one grant: the union of every approval, kept when the
/// client modifies its request (RFC 9635 §5.3) so that asking again for the same or less needs no new interaction
/// ("the AS could decide to remember the larger scale of access rights associated with the grant request").
public struct GrantedAccess: Sendable, Hashable, Codable {
    /// The account whose consent this is; a later approval of the same grant must come from the same account.
    public var approver: ApproverRef
    /// Rights approved for key-bound tokens.
    public var rights: [AccessRight]
    /// Rights approved for bearer tokens (§2.1.1 `bearer`); they also cover key-bound tokens.
    public var bearerRights: [AccessRight]
    /// Subject identifier formats released (§2.2).
    public var subjectFormats: [String]
    /// Subject assertion formats released (§2.2, §3.4).
    public var assertionFormats: [String]
    /// When the resource owner last approved (the `auth_time` of assertions released later without a new approval).
    public var lastApprovedAt: WallInstant?

    public init(
        approver: ApproverRef, rights: [AccessRight] = [], bearerRights: [AccessRight] = [],
        subjectFormats: [String] = [], assertionFormats: [String] = [], lastApprovedAt: WallInstant? = nil
    ) {
        self.approver = approver
        self.rights = rights
        self.bearerRights = bearerRights
        self.subjectFormats = subjectFormats
        self.assertionFormats = assertionFormats
        self.lastApprovedAt = lastApprovedAt
    }

    /// Adds what `approval` granted, reading its indices against the token requests they were made for.
    public mutating func add(_ approval: Approval, of tokens: [AccessTokenRequest]) {
        approver = approval.approver
        lastApprovedAt = approval.at
        for (index, token) in tokens.enumerated() where index < approval.selection.rights.count {
            let bearer = token.flags?.contains(AccessTokenFlag.bearer) == true
            for rightIndex in approval.selection.rights[index] where rightIndex < token.access.count {
                let right = token.access[rightIndex]
                if bearer {
                    if !bearerRights.contains(right) { bearerRights.append(right) }
                } else if !rights.contains(right) {
                    rights.append(right)
                }
            }
        }
        for format in approval.selection.subjectFormats where !subjectFormats.contains(format) {
            subjectFormats.append(format)
        }
        for format in approval.selection.assertionFormats where !assertionFormats.contains(format) {
            assertionFormats.append(format)
        }
    }

    /// Whether every requested right, subject format and assertion format is already consented to. A right is
    /// covered when one consented right alone covers it (``AccessRight/isCovered(by:)``); a bearer token needs rights
    /// consented for bearer tokens, since an unbound token is more than a bound one.
    public func covers(tokens: [AccessTokenRequest], subjectFormats formats: [String], assertionFormats: [String] = [])
        -> Bool
    {
        let tokensCovered = tokens.allSatisfy { token in
            let bearer = token.flags?.contains(AccessTokenFlag.bearer) == true
            let pool = bearer ? bearerRights : rights + bearerRights
            return token.access.allSatisfy { right in pool.contains { right.isCovered(by: $0) } }
        }
        return tokensCovered && formats.allSatisfy(subjectFormats.contains)
            && assertionFormats.allSatisfy(self.assertionFormats.contains)
    }
}

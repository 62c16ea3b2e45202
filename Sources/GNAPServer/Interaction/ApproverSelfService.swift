import GNAP

/// The approver's own records: the decisions they took, the grants they approved that still hold active tokens
/// (and revoking one), and their enrolled devices (and revoking one, e.g. a lost laptop).
struct ApproverSelfService: Sendable {
    let authenticator: ApproverAuthenticator
    let accounts: AccountAdministration
    let grants: GrantAdministration
    /// The listings of the approver's decisions and active grants.
    let administration: any AdministrationStore
    let clock: AnyWallClock

    func decisions(_ signed: SignedRequest, parameters: [String: String]) async throws(APIError) -> GrantList {
        let approver = try await authenticator.authenticate(signed)
        var query = try await GrantListing.query(
            parameters, now: clock.now, allowed: ["cursor", "limit"], account: { $0 })
        query.accountID = approver.account.id
        query.decided = true
        return try await GrantListing.page(administration, query)
    }

    func activeGrants(_ signed: SignedRequest, parameters: [String: String]) async throws(APIError) -> GrantList {
        let approver = try await authenticator.authenticate(signed)
        var query = try await GrantListing.query(
            parameters, now: clock.now, allowed: ["cursor", "limit"], account: { $0 })
        query.accountID = approver.account.id
        query.activeTokensAt = clock.now
        return try await GrantListing.page(administration, query)
    }

    func revoke(grantID: String, _ signed: SignedRequest) async throws(APIError) -> GrantSummary {
        let approver = try await authenticator.authenticate(signed)
        let reason = try GrantAdministration.reason(from: signed.body)
        let record = try await grants.revoke(
            grantID: grantID, by: approver.ref, reason: reason, onlyApprovedBy: approver.account.id)
        return GrantSummary(record)
    }

    func devices(_ signed: SignedRequest) async throws(APIError) -> DeviceList {
        let approver = try await authenticator.authenticate(signed)
        do {
            return DeviceList(
                devices: try await accounts.store.devices(accountID: approver.account.id).map(DeviceView.init))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not list devices"))
        }
    }

    func revokeDevice(id: String, _ signed: SignedRequest) async throws(APIError) -> DeviceView {
        let approver = try await authenticator.authenticate(signed)
        do {
            return DeviceView(try await accounts.revokeDevice(id: id, owner: approver.account.id))
        } catch {
            throw error.apiError
        }
    }
}

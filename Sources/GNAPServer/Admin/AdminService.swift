import GNAP

/// The admin API: grants (list, detail with history, deny, revoke, counts), accounts, invitations and devices.
/// Every call is authenticated by ``AdminAuthenticator``.
struct AdminService: Sendable {
    let authenticator: AdminAuthenticator
    let accounts: AccountAdministration
    let grants: GrantAdministration
    /// A grant's detail: the grant and its tokens.
    let grantStore: any GrantStore
    /// Listings, counts and a grant's history.
    let administration: any AdministrationStore
    /// Which terminals received asynchronous requests.
    let inbox: any InboxStore
    /// Lifetime of the enrollment codes of invitations.
    let invitationLifetime: Duration
    let clock: AnyWallClock

    // MARK: Grants

    func listGrants(_ signed: SignedRequest, parameters: [String: String]) async throws(APIError) -> GrantList {
        _ = try await authenticator.authenticate(signed)
        let accounts = accounts
        let query = try await GrantListing.query(parameters, now: clock.now) { username throws(APIError) in
            do {
                return try await accounts.account(username: username).id
            } catch let error as AdministrationError {
                throw error.apiError
            } catch {
                throw APIError(.internalServerError, GNAPError(.requestDenied, "internal error"))
            }
        }
        return try await GrantListing.page(administration, query, inbox: inbox)
    }

    func grantDetail(id: String, _ signed: SignedRequest) async throws(APIError) -> GrantDetail {
        _ = try await authenticator.authenticate(signed)
        do {
            guard let grant = try await grantStore.grant(id: id) else {
                throw APIError(GNAPError(.notFound, "no request with this id"))
            }
            let tokens = try await grantStore.accessTokens(grantID: id)
            let history = try await administration.auditEntries(AuditQuery(grantID: id, limit: 10_000))
            var summary = [GrantSummary(grant)]
            try await GrantListing.addDeliveries(to: &summary, from: inbox)
            return GrantDetail(
                grant: summary[0], requested: grant.tokens,
                approval: grant.lifecycle.approval.map(ApprovalView.init), tokens: tokens.map(TokenView.init),
                history: history.map(AuditEntryView.init))
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the request"))
        }
    }

    func deny(grantID: String, _ signed: SignedRequest) async throws(APIError) -> GrantSummary {
        let admin = try await authenticator.authenticate(signed)
        let reason = try GrantAdministration.reason(from: signed.body)
        return GrantSummary(try await grants.deny(grantID: grantID, by: admin.ref, reason: reason))
    }

    func revoke(grantID: String, _ signed: SignedRequest) async throws(APIError) -> GrantSummary {
        let admin = try await authenticator.authenticate(signed)
        let reason = try GrantAdministration.reason(from: signed.body)
        return GrantSummary(
            try await grants.revoke(grantID: grantID, by: admin.ref, reason: reason, onlyApprovedBy: nil))
    }

    func counts(_ signed: SignedRequest) async throws(APIError) -> GrantCounts {
        _ = try await authenticator.authenticate(signed)
        do {
            // The newest entry first: every entry the counts reflect is at or below it.
            let latest = try await administration.latestAuditEntryID()
            var counts = try await administration.grantCounts()
            counts.latestEventID = latest
            return counts
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not count requests"))
        }
    }

    // MARK: Accounts and devices

    func listAccounts(_ signed: SignedRequest) async throws(APIError) -> AccountList {
        _ = try await authenticator.authenticate(signed)
        return AccountList(accounts: try await admin { try await accounts.list() }.map(AccountView.init))
    }

    func addAccount(_ signed: SignedRequest) async throws(APIError) -> AccountView {
        _ = try await authenticator.authenticate(signed)
        let request: NewAccountRequest
        do {
            request = try GNAPJSON.decodeRequest(NewAccountRequest.self, from: signed.body)
        } catch {
            throw APIError(error)
        }
        return AccountView(try await admin { try await accounts.add(request) })
    }

    func setDisabled(username: String, _ disabled: Bool, _ signed: SignedRequest) async throws(APIError)
        -> AccountView
    {
        _ = try await authenticator.authenticate(signed)
        return AccountView(try await admin { try await accounts.setDisabled(username: username, disabled) })
    }

    func setRole(username: String, _ signed: SignedRequest) async throws(APIError) -> AccountView {
        _ = try await authenticator.authenticate(signed)
        let request: RoleChangeRequest
        do {
            request = try GNAPJSON.decodeRequest(RoleChangeRequest.self, from: signed.body)
        } catch {
            throw APIError(error)
        }
        return AccountView(try await admin { try await accounts.setRole(username: username, request.role) })
    }

    func invite(username: String, _ signed: SignedRequest) async throws(APIError) -> InvitationResponse {
        _ = try await authenticator.authenticate(signed)
        let lifetime = invitationLifetime
        let invitation = try await admin { try await accounts.invite(username: username, lifetime: lifetime) }
        return InvitationResponse(
            username: username, code: invitation.code.display, expiresAt: invitation.expiresAt.iso8601)
    }

    func devices(username: String, _ signed: SignedRequest) async throws(APIError) -> DeviceList {
        _ = try await authenticator.authenticate(signed)
        return DeviceList(
            devices: try await admin { try await accounts.devices(username: username) }.map(DeviceView.init))
    }

    func revokeDevice(id: String, _ signed: SignedRequest) async throws(APIError) -> DeviceView {
        _ = try await authenticator.authenticate(signed)
        return DeviceView(try await admin { try await accounts.revokeDevice(id: id) })
    }

    private func admin<T>(_ body: () async throws -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch let error as AdministrationError {
            throw error.apiError
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "internal error"))
        }
    }
}

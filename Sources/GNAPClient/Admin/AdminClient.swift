import Foundation
import GNAP
import HTTPMessageSignatures

/// The admin API of a gnapterm AS (`/admin/v1`), signed with an admin's enrolled approver device key (profile
/// ``SignatureProfile/approverAPI``: keyid = device id, nonce, `created`, Content-Digest).
public struct AdminClient: AccountAdministrator {
    public let client: SignedClient
    /// The AS base URL, e.g. `http://127.0.0.1:8080`.
    public let server: String

    public init<C: Clock & Sendable>(transport: any HTTPTransport, key: SigningKey, server: String, clock: C)
    where C.Instant == WallInstant {
        client = SignedClient(transport: transport, key: key, profile: .approverAPI, clock: clock)
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
    }

    var base: String { server + "/admin/v1" }

    public func listAccounts() async throws -> [AccountView] {
        try await get("/accounts", as: AccountList.self).accounts
    }

    public func addAccount(_ request: NewAccountRequest) async throws -> AccountView {
        try await client.send(.post, url: base + "/accounts", json: request, as: AccountView.self)
    }

    public func setDisabled(username: String, _ disabled: Bool) async throws -> AccountView {
        try await client.send(
            .post, url: base + "/accounts/\(Self.escape(username))/\(disabled ? "disable" : "enable")",
            json: NoContent?.none, as: AccountView.self)
    }

    public func setRole(username: String, _ role: Account.Role) async throws -> AccountView {
        try await client.send(
            .post, url: base + "/accounts/\(Self.escape(username))/role", json: RoleChangeRequest(role: role),
            as: AccountView.self)
    }

    public func invite(username: String) async throws -> InvitationResponse {
        try await client.send(
            .post, url: base + "/accounts/\(Self.escape(username))/invitations", json: NoContent?.none,
            as: InvitationResponse.self)
    }

    public func devices(username: String) async throws(GNAPClientError) -> [DeviceView] {
        try await get("/accounts/\(Self.escape(username))/devices", as: DeviceList.self).devices
    }

    public func revokeDevice(id: String) async throws(GNAPClientError) -> DeviceView {
        try await client.send(
            .delete, url: base + "/devices/\(Self.escape(id))", json: NoContent?.none, as: DeviceView.self)
    }

    /// One page of grants; `filters` are the query parameters of `GET /admin/v1/grants`.
    public func grants(_ filters: [String: String] = [:]) async throws(GNAPClientError) -> GrantList {
        var components = URLComponents()
        components.queryItems = filters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        let query = filters.isEmpty ? "" : "?" + (components.percentEncodedQuery ?? "")
        return try await get("/grants" + query, as: GrantList.self)
    }

    public func grant(id: String) async throws(GNAPClientError) -> GrantDetail {
        try await get("/grants/\(Self.escape(id))", as: GrantDetail.self)
    }

    public func deny(grantID: String, reason: String) async throws(GNAPClientError) -> GrantSummary {
        try await client.send(
            .post, url: base + "/grants/\(Self.escape(grantID))/deny", json: ReasonRequest(reason: reason),
            as: GrantSummary.self)
    }

    public func revoke(grantID: String, reason: String) async throws(GNAPClientError) -> GrantSummary {
        try await client.send(
            .post, url: base + "/grants/\(Self.escape(grantID))/revoke", json: ReasonRequest(reason: reason),
            as: GrantSummary.self)
    }

    public func counts() async throws(GNAPClientError) -> GrantCounts {
        try await get("/counts", as: GrantCounts.self)
    }

    private func get<T: Decodable>(_ path: String, as type: T.Type) async throws(GNAPClientError) -> T {
        try await client.send(.get, url: base + path, json: NoContent?.none, as: type)
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(
            withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? segment
    }
}

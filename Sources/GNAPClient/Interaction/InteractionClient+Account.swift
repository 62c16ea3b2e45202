import Foundation
import GNAP

/// The approver's own records at the AS: decisions, active grants (and revoking one), enrolled devices.
extension InteractionClient {
    /// Grants this account approved or denied, newest first; pass `nextCursor` for the next page.
    public func decisions(cursor: String? = nil) async throws(GNAPClientError) -> GrantList {
        try await client.send(
            .get, url: endpoint + "/decisions" + Self.page(cursor), json: NoContent?.none, as: GrantList.self)
    }

    /// Grants this account approved that still hold active tokens.
    public func activeGrants(cursor: String? = nil) async throws(GNAPClientError) -> GrantList {
        try await client.send(
            .get, url: endpoint + "/grants" + Self.page(cursor), json: NoContent?.none, as: GrantList.self)
    }

    /// Withdraws this account's approval of a grant; its tokens stop working at once.
    public func revoke(grantID: String, reason: String) async throws(GNAPClientError) -> GrantSummary {
        try await client.send(
            .post, url: endpoint + "/grants/\(grantID)/revoke", json: ReasonRequest(reason: reason),
            as: GrantSummary.self)
    }

    public func devices() async throws(GNAPClientError) -> [DeviceView] {
        try await client.send(.get, url: endpoint + "/devices", json: NoContent?.none, as: DeviceList.self).devices
    }

    public func revokeDevice(id: String) async throws(GNAPClientError) -> DeviceView {
        try await client.send(.delete, url: endpoint + "/devices/\(id)", json: NoContent?.none, as: DeviceView.self)
    }

    private static func page(_ cursor: String?) -> String {
        guard let cursor, let escaped = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) else {
            return ""
        }
        return "?cursor=" + escaped
    }
}

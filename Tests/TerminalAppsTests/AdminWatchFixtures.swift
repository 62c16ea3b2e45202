import Foundation
import GNAP
import TerminalApps
import TerminalUI

/// Grants, events and a state builder for the admin view's tests. "Now" is `Fixtures.now`.
enum AdminFixtures {
    static let size = Size(width: 100, height: 24)
    static let app = AdminWatchApp(identity: "alice @ http://127.0.0.1:8080", timeZone: Fixtures.utc)

    static func summary(
        _ id: String, client: String = "Photo Printer", state: String = "pending", ageSeconds: Int64 = 30,
        rights: [String] = ["photo-api: read, write", "dolphin-metadata"], modes: [String] = ["user_code"],
        codeEntered: Bool = false, approver: String? = nil, vetted: Bool = false
    ) -> GrantSummary {
        var object: [String: Any] = [
            "id": id, "state": state, "instance_id": "ci-\(id)", "client_name": client, "client_vetted": vetted,
            "created_at": Fixtures.now.advanced(by: .seconds(-ageSeconds)).iso8601,
            "interaction_expires_at": Fixtures.now.advanced(by: .seconds(600 - ageSeconds)).iso8601,
            "rights": rights, "start_modes": modes, "code_entered": codeEntered,
        ]
        object["approver_account_id"] = approver
        return decode(object)
    }

    static func entry(
        _ id: Int64, _ kind: String, grant: String?, account: String? = nil, detail: String = "",
        secondsAgo: Int64 = 0
    ) -> AuditEntryView {
        var object: [String: Any] = [
            "id": id, "at": Fixtures.now.advanced(by: .seconds(-secondsAgo)).iso8601, "kind": kind,
            "detail": detail.isEmpty ? kind : detail,
        ]
        object["grant_id"] = grant
        object["account_id"] = account
        object["actor"] = account.map { "device:\($0)" }
        return decode(object)
    }

    static func decode<T: Decodable>(_ object: [String: Any]) -> T {
        // The fixtures are fixed values: a failure here is a broken test, not a condition to handle.
        try! JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: object))
    }

    static let counts = GrantCounts(
        byStatus: ["pending": 3, "approved": 12, "denied": 4, "finalized": 20], byOutcome: ["expired": 2])

    static let busy = AdminSnapshot(
        pending: [
            summary("g-photo", client: "Photo Printer", ageSeconds: 95, codeEntered: true, approver: "acct-alice"),
            summary(
                "g-kiosk", client: "Lobby Kiosk", ageSeconds: 30, rights: ["printer: print"], modes: ["redirect"],
                vetted: true),
            summary("g-tv", client: "Living-room TV", ageSeconds: 580, rights: ["profile.read"]),
        ],
        decided: [],
        counts: counts)

    /// A state after the stream opened with `snapshot`.
    static func state(_ snapshot: AdminSnapshot? = busy, size: Size = size) -> AdminWatchState {
        var state = AdminWatchState(now: Fixtures.now, size: size)
        _ = app.update(&state, .connected(.success(snapshot)))
        _ = app.update(
            &state,
            .accountsLoaded(
                .success((accounts: [account("acct-alice", "alice", role: .admin)], devices: []))))
        return state
    }

    static func account(_ id: String, _ username: String, role: Account.Role = .user) -> AccountView {
        decode([
            "id": id, "username": username, "display_name": username.capitalized, "role": role.rawValue,
            "opaque_subject": "opaque-\(id)", "disabled": false, "created_at": Fixtures.now.iso8601,
            "updated_at": Fixtures.now.iso8601,
        ])
    }

    static func device(_ id: String, account: String, name: String) -> DeviceView {
        decode([
            "id": id, "account_id": account, "name": name, "thumbprint": "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
            "enrolled_at": Fixtures.now.iso8601,
        ])
    }

    static func screen(_ state: AdminWatchState) -> String {
        VirtualTerminal.renderText(app.view(state, size: state.size))
    }
}

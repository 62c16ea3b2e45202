import Foundation
import GNAP

/// What `gnapterm admin` prints: plain, aligned text for people, one record per line so scripts can cut it.
public enum AdminOutput {
    public static func accounts(_ accounts: [AccountView]) -> String {
        guard !accounts.isEmpty else { return "No accounts.\n" }
        let rows =
            [["USERNAME", "ROLE", "STATE", "EMAIL", "OPAQUE ID", "DISPLAY NAME"]]
            + accounts.map { account in
                [
                    account.username, account.role.rawValue, account.disabled ? "disabled" : "enabled",
                    account.email ?? "-", account.opaqueSubject, account.displayName,
                ]
            }
        return table(rows)
    }

    public static func account(_ account: AccountView, verb: String) -> String {
        "\(verb) account '\(account.username)' (\(account.role.rawValue), opaque id \(account.opaqueSubject))\(account.disabled ? ", disabled" : "").\n"
    }

    /// The code and the command that enrolls with it; `server` is the AS's address when it is known (a running
    /// AS), else the command says where the address goes.
    public static func invitation(_ invitation: InvitationResponse, server: String?) -> String {
        let approve =
            server.map { "gnapterm approve --as \($0) --enroll \(invitation.code)" }
            ?? "gnapterm approve --as URL --enroll \(invitation.code)   (URL: this AS's address)"
        return """
            One-time enrollment code for '\(invitation.username)' (valid until \(invitation.expiresAt)):

                \(invitation.code)

            On the new approver terminal: \(approve)

            """
    }

    /// An account that exists already, instead of adding it again; names the command that changes its role when
    /// `wanted` differs. `suffix` is how the command line named the AS (e.g. ` --as URL`).
    public static func exists(_ account: AccountView, wanted role: Account.Role?, suffix: String) -> String {
        let base = "the account '\(account.username)' exists already (\(account.role.rawValue))"
        guard let role, role != account.role else { return base + "; nothing changed" }
        return base
            + "; to make it \(role == .admin ? "an admin" : "a user"): gnapterm admin users set-role "
            + "\(account.username) \(role.rawValue)\(suffix)"
    }

    /// A refusal that is already a sentence for the person.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Any admin API value as the API's JSON, pretty-printed (for `--json`).
    public static func json(_ value: some Encodable) throws -> String {
        let encoder = GNAPJSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Columns padded to their widest cell (the text is ASCII or short names; terminals render it as is).
    static func table(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

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

    public static func invitation(_ invitation: InvitationResponse) -> String {
        """
        One-time enrollment code for '\(invitation.username)' (valid until \(invitation.expiresAt)):

            \(invitation.code)

        On the new approver terminal: gnapterm approve --as SERVER --enroll \(invitation.code)

        """
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

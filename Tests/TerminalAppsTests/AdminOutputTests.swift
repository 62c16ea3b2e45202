import GNAP
import TerminalApps
import Testing

@Suite("gnapterm admin output")
struct AdminOutputTests {
    let now = WallInstant(unixSeconds: 1_767_225_600)

    @Test func accountsAreAnAlignedTable() {
        var dana = Account(
            id: "a1", username: "dana", displayName: "Dana", role: .user, opaqueSubject: "OPQ1",
            email: "dana@example.com", createdAt: now)
        let admin = Account(
            id: "a2", username: "admin", displayName: "Administrator", role: .admin, opaqueSubject: "OPQ2",
            email: nil, createdAt: now)
        dana.disabled = true
        #expect(
            AdminOutput.accounts([AccountView(admin), AccountView(dana)]) == """
                USERNAME  ROLE   STATE     EMAIL             OPAQUE ID  DISPLAY NAME
                admin     admin  enabled   -                 OPQ2       Administrator
                dana      user   disabled  dana@example.com  OPQ1       Dana

                """)
        #expect(AdminOutput.accounts([]) == "No accounts.\n")
    }

    @Test func anInvitationNamesTheRunningASInTheApproveCommand() {
        let invitation = InvitationResponse(username: "dana", code: "Q7RM-2KXD-9TZB", expiresAt: "2026-01-02T12:00:00Z")
        let text = AdminOutput.invitation(invitation, server: "http://127.0.0.1:1808")
        #expect(text.contains("One-time enrollment code for 'dana' (valid until 2026-01-02T12:00:00Z):"))
        #expect(
            text.contains(
                "On the new approver terminal: gnapterm approve --as http://127.0.0.1:1808 --enroll Q7RM-2KXD-9TZB\n"))
        // A stopped AS's database does not know the AS's address: the command says where it goes.
        #expect(
            AdminOutput.invitation(invitation, server: nil).contains(
                "gnapterm approve --as URL --enroll Q7RM-2KXD-9TZB   (URL: this AS's address)"))
    }

    @Test func addingAnExistingAccountNamesTheRoleCommand() {
        let dana = AccountView(
            Account(
                id: "a1", username: "dana", displayName: "Dana", role: .user, opaqueSubject: "OPQ1", email: nil,
                createdAt: now))
        #expect(
            AdminOutput.exists(dana, wanted: .admin, suffix: " --as http://as.example")
                == "the account 'dana' exists already (user); to make it an admin: "
                + "gnapterm admin users set-role dana admin --as http://as.example")
        #expect(
            AdminOutput.exists(dana, wanted: .user, suffix: "")
                == "the account 'dana' exists already (user); nothing changed")
    }

    @Test func jsonIsTheAPIShape() throws {
        let invitation = InvitationResponse(username: "dana", code: "Q7RM-2KXD-9TZB", expiresAt: "2026-01-02T12:00:00Z")
        #expect(
            try AdminOutput.json(invitation) == """
                {
                  "code" : "Q7RM-2KXD-9TZB",
                  "expires_at" : "2026-01-02T12:00:00Z",
                  "username" : "dana"
                }

                """)
    }
}

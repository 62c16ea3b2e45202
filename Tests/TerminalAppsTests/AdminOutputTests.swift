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

    @Test func anInvitationShowsTheCodeAndHowToUseIt() {
        let text = AdminOutput.invitation(
            InvitationResponse(username: "dana", code: "Q7RM-2KXD-9TZB", expiresAt: "2026-01-02T12:00:00Z"))
        #expect(text.contains("One-time enrollment code for 'dana' (valid until 2026-01-02T12:00:00Z):"))
        #expect(text.contains("gnapterm approve --as SERVER --enroll Q7RM-2KXD-9TZB"))
    }
}

import GNAP
import TerminalApps
import TerminalSession
import Testing

extension PlainApproverTests {
    @Test func approvingReleasesTheAssertionAndShowsTheNamedUser() async throws {
        let backend = FakeBackend(reviews: ["ABCDEFGH": Fixtures.kiosk])
        let (status, transcript) = await converse(["abcd-efgh", "approve", "yes"], backend: backend)
        #expect(status == 0)
        #expect(
            transcript == Self.start + "User code: abcd-efgh\n" + """
                Looking up ABCD-EFGH…

                A device is asking for access to your account.

                Client
                  ✓ Vetted: the server vouches for this client's name and address.
                  Name: Lobby Kiosk (vetted)
                  Address: https://kiosk.example (vetted)
                  Key: NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs (httpsig, ed25519)
                  Requested from 192.0.2.40 at 2026-01-01 08:59:50 UTC
                  Preferred languages: fr-CA, en
                  Expires in 09:50

                For user
                  ✓ This request is for you.
                    email alice@example.com
                  Ignored assertions this server cannot verify: saml2

                Access requested
                  1. calendar — Your calendar and its events
                       Actions: read

                Information about you
                  - opaque — an identifier for your account that reveals nothing else
                  - id_token — a statement signed by this server that you approved (OpenID Connect ID Token)

                Approve only if you started this on a device you control.
                Type "approve", "approve 1,3" (only those rights) or "deny": approve
                The device will receive:
                  - calendar: read — Your calendar and its events
                  - opaque — an identifier for your account that reveals nothing else
                  - id_token — a statement signed by this server that you approved (OpenID Connect ID Token)
                Withheld:
                  - nothing
                Type "yes" to confirm: yes
                Approved. Grant g-31: 1 of 1 rights granted.

                """)
        let all = ApprovalRequest(rights: ["0.0"], subjectFormats: ["opaque"], assertionFormats: ["id_token"])
        #expect(backend.calls == [.enterCode("ABCDEFGH"), .approve(grantID: "g-31", all)])
    }

    @Test func theUnknownUserRefusalIsExplained() async throws {
        let backend = FakeBackend(
            reviews: ["ABCDEFGH": Fixtures.kioskForBob],
            decisionFailure: ApproverFailure(code: "unknown_user", message: "this request is for another user"))
        let (status, transcript) = await converse(["abcd-efgh", "approve", "yes"], backend: backend)
        #expect(status == 1)
        #expect(transcript.contains("  ⚠ This request is for another user: approving it refuses it"))
        #expect(transcript.contains("    user reference XUT2MFM1XBIKJKSDU8QM\n"))
        #expect(
            transcript.hasSuffix(
                "error: This request is for another user, so it was refused; the device is told so. "
                    + "(The server said: this request is for another user)\n"))
    }
}

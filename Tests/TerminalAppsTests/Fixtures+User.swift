import GNAP
import TerminalApps

extension Fixtures {
    /// A pre-registered (vetted) kiosk naming the approver as its user, asking for a right, the opaque identifier
    /// and an ID token, with language hints and an assertion the server ignored.
    static let kiosk = InteractionReview(
        grantID: "g-31", status: .pending,
        client: client(name: "Lobby Kiosk", uri: "https://kiosk.example", vetted: true),
        tokens: [
            TokenReview(
                label: nil, flags: [],
                rights: [
                    RightReview(
                        id: "0.0", right: .object(AccessRightObject(type: "calendar", actions: ["read"])),
                        description: "Your calendar and its events")
                ])
        ],
        subject: SubjectReview(subIDFormats: ["opaque"], assertionFormats: ["id_token"]),
        requestedAt: now.advanced(by: .seconds(-10)), requestedFrom: "192.0.2.40",
        expiresAt: now.advanced(by: .seconds(590)),
        user: UserReview(
            subIDs: [.email("alice@example.com")], reference: nil, verifiedAssertionFormats: [],
            ignoredAssertionFormats: ["saml2"], matchesApprover: true),
        uiLocales: ["fr-CA", "en"])

    /// The same request naming someone else by reference.
    static let kioskForBob: InteractionReview = {
        var review = kiosk
        review.grantID = "g-32"
        review.user = UserReview(
            subIDs: [.opaque("XUT2MFM1XBIKJKSDU8QM")], reference: "XUT2MFM1XBIKJKSDU8QM",
            verifiedAssertionFormats: [], ignoredAssertionFormats: [], matchesApprover: false)
        review.uiLocales = nil
        return review
    }()
}

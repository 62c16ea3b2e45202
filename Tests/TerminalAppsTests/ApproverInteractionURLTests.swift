import GNAP
import TerminalApps
import TerminalSession
import TerminalUI
import TerminalUITestSupport
import Testing

/// `gnapterm approve --as AS URL`: the app opens directly on the review of the linked request, and shows where to
/// return after a decision when the client asked for a redirect finish (RFC 9635 §4.2.1).
@Suite struct ApproverInteractionURLTests {
    static let link = "http://127.0.0.1:8080/interact/Xq3Vv2lHc2vRj0iZ4kq8Q4y7Uu5b0n8yJ9t1w2e3r4t"
    static var linkedReview: InteractionReview {
        var review = Fixtures.photoPrinter
        review.finish = FinishReview(method: .redirect, uri: "https://printer.example/done")
        return review
    }
    static let returnURL =
        "https://printer.example/done?hash=x-gguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY&interact_ref=4IFWWIKYBC2PQ6U56NL1"

    let app = ApproverApp(identity: Fixtures.identity, timeZone: Fixtures.utc)

    @Test func theOpeningStateAsksForTheReview() {
        let (state, effects) = ApproverState.opening(Self.link, now: Fixtures.now)
        #expect(state.screen == .loading(.openingInteraction(Self.link)))
        #expect(effects == [.openInteraction(Self.link)])
        var reviewing = state
        #expect(app.update(&reviewing, .codeLookedUp(.success(Self.linkedReview))).isEmpty)
        #expect(reviewing.screen == .review && reviewing.review?.review == Self.linkedReview)
        var failed = state
        _ = app.update(&failed, .codeLookedUp(.failure(ApproverFailure(code: "expired_interaction", message: "x"))))
        #expect(failed.screen == .codeEntry)
        #expect(failed.code.error == "This link has expired. Ask the device for a new one.")
    }

    @Test func opensOnTheReviewWithTheReturnAddress() async throws {
        let backend = FakeBackend(interactions: [Self.link: Self.linkedReview])
        let (state, terminal) = try await AppHarness(backend: backend, interaction: Self.link).run([
            .waitFor("Access requested")
        ])
        #expect(state.screen == .review)
        #expect(backend.calls == [.openInteraction(Self.link)])
        assertSnapshot(await terminal.screenText, named: "review-from-link")
    }

    @Test func anUnknownLinkLandsOnTheCodeEntryWithTheReason() async throws {
        let (state, terminal) = try await AppHarness(interaction: Self.link).run([.waitFor("No request has this link")])
        #expect(state.screen == .codeEntry)
        #expect(
            await terminal.screenText.contains("No request has this link. Check it, or ask the device for a new one."))
    }

    @Test func theResultSaysWhereToReturn() async throws {
        let backend = FakeBackend(
            interactions: [Self.link: Self.linkedReview],
            decisionFinish: FinishNotice(method: .redirect, uri: Self.returnURL))
        let (state, terminal) = try await AppHarness(backend: backend, interaction: Self.link).run([
            .waitFor("Access requested"), .type("G"), .type("a"), .key(.enter), .waitFor("✓ Approved"),
        ])
        #expect(state.result?.finish?.uri == Self.returnURL)
        assertSnapshot(await terminal.screenText, named: "result-approved-return")
    }

    @Test func theResultSaysWhetherThePushReachedTheApplication() async throws {
        for (delivery, sentence) in [
            (FinishNotice.Delivery.delivered, "The application was notified."),
            (.failed, "The application could not be notified"), (.pending, "The application is being notified."),
        ] {
            let backend = FakeBackend(
                interactions: [Self.link: Self.linkedReview],
                decisionFinish: FinishNotice(method: .push, uri: "http://127.0.0.1:9/p", delivery: delivery))
            let (_, terminal) = try await AppHarness(backend: backend, interaction: Self.link).run([
                .waitFor("Access requested"), .type("d"), .key(.down), .key(.enter), .waitFor("✗ Denied"),
            ])
            #expect(await terminal.screenText.contains(sentence))
        }
    }
}

import GNAP
import TerminalApps
import TerminalUI
import TerminalUITestSupport
import Testing

/// Golden screens of the admin view at 100x24, "now" fixed at 2026-01-01 09:00:00 UTC.
@Suite("Admin watch screens")
struct AdminWatchScreenTests {
    let app = AdminFixtures.app

    @Test func empty() {
        let state = AdminFixtures.state(AdminSnapshot(pending: [], decided: [], counts: AdminFixtures.counts))
        assertSnapshot(AdminFixtures.screen(state), named: "admin-empty")
    }

    @Test func busy() {
        var state = AdminFixtures.state()
        _ = app.update(
            &state,
            .events(
                .success([
                    AdminFixtures.entry(70, "grant.approved", grant: "g-old", account: "acct-alice", secondsAgo: 20),
                    AdminFixtures.entry(71, "grant.created", grant: "g-new"),
                ])))
        assertSnapshot(AdminFixtures.screen(state), named: "admin-busy")
    }

    @Test func detail() {
        var state = AdminFixtures.state()
        _ = app.update(&state, .command(.down))
        #expect(app.update(&state, .command(.open)) == [.loadDetail(id: "g-photo")])
        let detail = GrantDetail(
            grant: AdminFixtures.summary(
                "g-photo", client: "Photo Printer", ageSeconds: 95, codeEntered: true, approver: "acct-alice"),
            requested: [.photosAndDolphins], approval: nil, tokens: [],
            history: [
                AdminFixtures.entry(
                    5, "grant.created", grant: "g-photo", detail: "client ci-g-photo asked for 1 token(s)",
                    secondsAgo: 95),
                AdminFixtures.entry(
                    8, "code.entered", grant: "g-photo", account: "acct-alice",
                    detail: "user code entered on device dev-1", secondsAgo: 40),
            ])
        _ = app.update(&state, .detailLoaded(id: "g-photo", .success(detail)))
        assertSnapshot(AdminFixtures.screen(state), named: "admin-detail")
    }

    @Test func disconnected() {
        var state = AdminFixtures.state()
        _ = app.update(&state, .events(.failure(AdminWatchFailure("cannot reach the authorization server"))))
        _ = app.update(&state, .connected(.failure(AdminWatchFailure("connection refused (http://127.0.0.1:8080)"))))
        assertSnapshot(AdminFixtures.screen(state), named: "admin-disconnected")
    }

    @Test func denyConfirmation() {
        var state = AdminFixtures.state()
        _ = app.update(&state, .command(.deny))
        for character in "unknown device" { _ = app.update(&state, .edit(.character(character))) }
        _ = app.update(&state, .command(.confirm))
        assertSnapshot(AdminFixtures.screen(state), named: "admin-deny-confirm")
    }

    /// Only the rows on screen are laid out: 50,000 pending grants draw the same number of lines as 30.
    @Test func theTableIsVirtualized() {
        let many = (0..<50_000).map {
            GrantRow(id: "g-\($0)", client: "c\($0)", createdAt: Fixtures.now, expiresAt: nil)
        }
        var state = AdminFixtures.state()
        state.table.replaceAll(many)
        _ = app.update(&state, .command(.bottom))
        let screen = AdminFixtures.screen(state)
        #expect(screen.contains("50000/50000"))
        #expect(screen.split(separator: "\n").count <= AdminFixtures.size.height)
    }
}

extension AccessTokenRequest {
    static let photosAndDolphins = AccessTokenRequest(access: [
        .object(
            AccessRightObject(type: "photo-api", actions: ["read", "write"], locations: ["https://photos.example"])),
        .reference("dolphin-metadata"),
    ])
}

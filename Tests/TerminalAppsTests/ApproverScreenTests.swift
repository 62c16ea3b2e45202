import GNAP
import TerminalApps
import TerminalSession
import TerminalUI
import TerminalUITestSupport
import Testing

/// Golden screens of the approver app at 80x24 with a fixed clock (re-record with RECORD_SNAPSHOTS=1).
@Suite struct ApproverScreenTests {
    @Test func codeEntryEmpty() async throws {
        let (_, terminal) = try await AppHarness().run([])
        assertSnapshot(await terminal.screenText, named: "code-entry-empty")
    }

    @Test func codeEntryPartiallyTypedIsFormatted() async throws {
        let (state, terminal) = try await AppHarness().run([.type("abcd e")])
        #expect(state.code.field.text == "ABCD-E")
        assertSnapshot(await terminal.screenText, named: "code-entry-partial")
    }

    @Test func codeEntryWithABackendError() async throws {
        let backend = FakeBackend(codeFailures: [
            "WDJBMJHT": ApproverFailure(code: "expired_user_code", message: "user code expired at 08:59:12")
        ])
        let (state, terminal) = try await AppHarness(backend: backend).run([
            .type("wdjb-mjht"), .key(.enter), .waitFor("expired"),
        ])
        #expect(state.screen == .codeEntry)
        assertSnapshot(await terminal.screenText, named: "code-entry-error")
        let styled = await terminal.styledScreen
        #expect(styled.contains("⟦danger⟧This code has expired. Ask the device for a new code."))
    }

    @Test func codeEntryWithTheDemoHint() async throws {
        let (_, terminal) = try await AppHarness(hint: "The demo device is showing code ABCD-EFGH").run([])
        assertSnapshot(await terminal.screenText, named: "code-entry-hint")
    }

    @Test func reviewOfASelfAssertedClientWithWarning() async throws {
        let (_, terminal) = try await AppHarness().run(AppHarness.enter())
        assertSnapshot(await terminal.screenText, named: "screen-review-80x24")
    }

    @Test func reviewStylesWarningAndEqualButtons() async throws {
        let (_, terminal) = try await AppHarness().run(AppHarness.enter())
        let styled = await terminal.styledScreen
        assertSnapshot(styled, named: "review-self-asserted-styled")
        #expect(styled.contains("⟦warning⟧⚠ Not vetted"))
        // Approve and Deny: two runs of cells in the same button style and of the same width.
        let frame = try #require(await terminal.lastFrame)
        let row = try #require(
            (0..<frame.size.height).first { y in
                VirtualTerminal.renderText(frame).split(separator: "\n", omittingEmptySubsequences: false)[y]
                    .contains("Approve (a)")
            })
        var runs: [(style: Style, width: Int)] = []
        var previous: Style?
        for x in 0..<frame.size.width {
            let style = frame[x, row].style
            if style.role == .button || style.role == .buttonFocused {
                if style == previous, !runs.isEmpty { runs[runs.count - 1].width += 1 } else { runs.append((style, 1)) }
            }
            previous = style
        }
        #expect(runs.count == 2)
        #expect(runs.map(\.style) == [.button, .button])
        #expect(runs.first?.width == runs.last?.width)
    }

    @Test func reviewOfAVettedClient() async throws {
        let backend = FakeBackend(reviews: ["ABCDEFGH": Fixtures.calendarSync])
        let (_, terminal) = try await AppHarness(backend: backend).run(AppHarness.enter())
        assertSnapshot(await terminal.screenText, named: "review-vetted")
    }

    @Test func reviewSanitizesAHostileClientName() async throws {
        let backend = FakeBackend(reviews: ["ABCDEFGH": Fixtures.hostile])
        let (_, terminal) = try await AppHarness(backend: backend).run(AppHarness.enter())
        let screen = await terminal.screenText
        #expect(!screen.contains("\u{1B}"))
        #expect(!screen.contains("\u{202E}"))
        assertSnapshot(screen, named: "review-hostile-name")
    }

    @Test func reviewOfAClientWithACJKName() async throws {
        let backend = FakeBackend(reviews: ["ABCDEFGH": Fixtures.cjk])
        let (_, terminal) = try await AppHarness(backend: backend).run(AppHarness.enter())
        assertSnapshot(await terminal.screenText, named: "review-cjk-name")
    }

    @Test func reviewScrolledToTheSubject() async throws {
        let (state, terminal) = try await AppHarness().run(
            AppHarness.enter() + [.type("jjjjj"), .key(.space)])
        #expect(state.review?.selectedItem == .subjectFormat(1))
        #expect(state.review?.scroll ?? 0 > 0)
        assertSnapshot(await terminal.screenText, named: "review-scrolled")
    }

    @Test func confirmListsAnUntickedRightAsWithheld() async throws {
        let (_, terminal) = try await AppHarness().run(
            AppHarness.enter() + [.type("j"), .key(.space), .type("a")])
        let screen = await terminal.screenText
        assertSnapshot(screen, named: "screen-confirm-80x24")
        let withheld = try #require(screen.range(of: "Withheld:"))
        #expect(screen[withheld.upperBound...].contains("dolphin-metadata"))
    }

    @Test func denyModal() async throws {
        let (_, terminal) = try await AppHarness().run(
            AppHarness.enter() + [.type("d"), .key(.down), .key(.down), .type("saw it on a phishing site")])
        assertSnapshot(await terminal.screenText, named: "deny-modal")
    }

    @Test func resultApproved() async throws {
        let (_, terminal) = try await AppHarness().run(
            AppHarness.enter() + [.type("jj"), .key(.space), .type("a"), .key(.enter), .waitFor("✓ Approved")])
        assertSnapshot(await terminal.screenText, named: "result-approved")
    }

    @Test func resultDenied() async throws {
        let (_, terminal) = try await AppHarness().run(
            AppHarness.enter() + [.type("d"), .key(.down), .key(.enter), .waitFor("✗ Denied")])
        assertSnapshot(await terminal.screenText, named: "screen-result-denied-80x24")
    }

    @Test func resultWhenTheRequestExpiredMeanwhile() async throws {
        let backend = FakeBackend(
            decisionFailure: ApproverFailure(code: "expired_user_code", message: "the request has expired"))
        let (_, terminal) = try await AppHarness(backend: backend).run(
            AppHarness.enter() + [.type("a"), .type("y"), .waitFor("not recorded")])
        assertSnapshot(await terminal.screenText, named: "result-failed")
    }

    @Test func historyList() async throws {
        let (_, terminal) = try await AppHarness().run([.key(.escape), .type("h"), .waitFor("Photo Printer")])
        assertSnapshot(await terminal.screenText, named: "screen-history-80x24")
    }

    @Test func historyDetail() async throws {
        let (_, terminal) = try await AppHarness().run([
            .key(.escape), .type("h"), .waitFor("Photo Printer"), .key(.down), .key(.enter),
        ])
        assertSnapshot(await terminal.screenText, named: "history-detail")
    }

    @Test func helpOverlayOverTheReview() async throws {
        let (_, terminal) = try await AppHarness().run(AppHarness.enter() + [.type("?")])
        assertSnapshot(await terminal.screenText, named: "screen-review-help-80x24")
    }

    @Test func tooSmallTerminal() async throws {
        let (_, terminal) = try await AppHarness(size: Size(width: 50, height: 15)).run([])
        assertSnapshot(await terminal.screenText, named: "too-small")
    }
}

/// The named user (§2.4), language hints and assertion toggles (§3.4.1).
@Suite struct ApproverUserScreenTests {
    @Test func reviewShowsTheNamedUserAndAssertionToggles() async throws {
        let backend = FakeBackend(reviews: ["ABCDEFGH": Fixtures.kiosk])
        let (state, terminal) = try await AppHarness(backend: backend).run(AppHarness.enter())
        let screen = await terminal.screenText
        assertSnapshot(screen, named: "review-named-user")
        #expect(screen.contains("✓ This request is for you."))
        #expect(screen.contains("Preferred languages: fr-CA, en"))
        // Everything is included at first, the assertion too (it is further down).
        #expect(state.review?.items == [.right(0), .subjectFormat(0), .assertionFormat(0)])
        #expect(state.review?.approvalRequest.assertionFormats == ["id_token"])
    }

    @Test func reviewWarnsWhenTheRequestIsForAnotherUser() async throws {
        let backend = FakeBackend(reviews: ["ABCDEFGH": Fixtures.kioskForBob])
        let (_, terminal) = try await AppHarness(backend: backend).run(AppHarness.enter())
        let styled = await terminal.styledScreen
        assertSnapshot(await terminal.screenText, named: "review-other-user")
        #expect(styled.contains("⟦warning⟧⚠ This request is for another user"))
        #expect(styled.contains("user reference XUT2MFM1XBIKJKSDU8QM"))
    }

    @Test func theAssertionCanBeWithheld() async throws {
        let backend = FakeBackend(reviews: ["ABCDEFGH": Fixtures.kiosk])
        // Items: the right, opaque, id_token; untick id_token, approve, confirm.
        let (state, terminal) = try await AppHarness(backend: backend).run(
            AppHarness.enter() + [.type("jj"), .key(.space), .type("a"), .waitFor("Withheld:")])
        #expect(state.review?.selectedItem == .assertionFormat(0))
        let screen = await terminal.screenText
        assertSnapshot(screen, named: "confirm-assertion-withheld")
        let withheld = try #require(screen.range(of: "Withheld:"))
        #expect(screen[withheld.upperBound...].contains("id_token"))
        #expect(
            state.review?.approvalRequest
                == ApprovalRequest(rights: ["0.0"], subjectFormats: ["opaque"], assertionFormats: []))
    }
}

import GNAP
import GNAPClient
import TerminalApps
import TerminalSession
import Testing

/// What `gnapterm device` shows for the `redirect`/`app` start modes, and its `--interact` option.
@Suite struct DeviceInteractionDisplayTests {
    static let link = "http://127.0.0.1:8080/interact/Xq3Vv2lHc2vRj0iZ4kq8Q4y7Uu5b0n8yJ9t1w2e3r4t"
    static let app =
        "gnapterm:approve?as=http%3A%2F%2F127.0.0.1%3A8080&interaction=Xq3Vv2lHc2vRj0iZ4kq8Q4y7Uu5b0n8yJ9t1w2e3r4t"

    @Test func aLinkOnlyBannerTellsHowToApproveIt() {
        let banner = DeviceBanner(
            userCode: nil, userCodeURI: nil, interactionURL: Self.link, appURI: Self.app,
            serverURL: "http://127.0.0.1:8080", expiresAt: Fixtures.now.advanced(by: .seconds(581)))
        #expect(
            banner.lines(now: Fixtures.now, width: 80) == [
                "To let this device in, approve this request:",
                "",
                "  " + Self.link,
                "",
                "Approve with:",
                "  gnapterm approve --as http://127.0.0.1:8080 " + Self.link,
                "App link:",
                "  " + Self.app,
                "The request expires in 09:41.",
            ])
    }

    @Test func aCodeAndALinkShowBoth() {
        let banner = DeviceBanner(
            userCode: try! UserCode(parsing: "WDJB-MJHT"), userCodeURI: nil, interactionURL: Self.link,
            serverURL: "http://127.0.0.1:8080", expiresAt: Fixtures.now.advanced(by: .seconds(60)))
        let lines = banner.lines(now: Fixtures.now, width: 200)
        #expect(lines.contains("Approve with: gnapterm approve --as http://127.0.0.1:8080"))
        #expect(
            lines.contains("Or open the request directly: gnapterm approve --as http://127.0.0.1:8080 " + Self.link))
        #expect(lines.last == "The code expires in 01:00.")
    }

    @Test func aHostileLinkIsSanitized() {
        let banner = DeviceBanner(
            userCode: nil, userCodeURI: nil, interactionURL: "http://x/\u{1B}[2Jinteract",
            serverURL: "http://127.0.0.1:8080", expiresAt: Fixtures.now)
        #expect(!banner.lines(now: Fixtures.now, width: 80).joined().contains("\u{1B}"))
    }

    @Test func startModesAreParsedWithReadableErrors() throws {
        #expect(try DeviceCommand<WallClock>.parseStartModes("redirect") == ["redirect"])
        #expect(
            try DeviceCommand<WallClock>.parseStartModes("user_code, redirect,app,redirect")
                == ["user_code", "redirect", "app"])
        for bad in ["", "redirect,", "qr_code"] {
            do {
                _ = try DeviceCommand<WallClock>.parseStartModes(bad)
                Issue.record("'\(bad)' was accepted")
            } catch {
                #expect(error.description.hasPrefix("unknown interaction start mode"))
            }
        }
    }
}

extension PlainApproverTests {
    @Test func aLinkOpensTheReviewWithoutAskingForACode() async {
        let link = DeviceInteractionDisplayTests.link
        var review = Fixtures.photoPrinter
        review.finish = FinishReview(method: .redirect, uri: "https://printer.example/done")
        let backend = FakeBackend(
            interactions: [link: review],
            decisionFinish: FinishNotice(method: .redirect, uri: "https://printer.example/done?hash=h&interact_ref=r"))
        let conversation = Conversation(["deny", "not mine", "yes"])
        let approver = PlainApprover(
            backend: backend, timeZone: Fixtures.utc, now: { Fixtures.now },
            readLine: { conversation.readLine() }, write: { conversation.transcript += $0 }, interaction: link)
        #expect(await approver.run() == 0)
        let transcript = conversation.transcript
        #expect(transcript.hasPrefix(Self.header + "Opening the request…\n"))
        #expect(!transcript.contains("User code:"))
        #expect(transcript.contains("Return to: https://printer.example/done (self-asserted)"))
        #expect(
            transcript.hasSuffix("Return to the application: open https://printer.example/done?hash=h&interact_ref=r\n")
        )
        #expect(backend.calls.first == .openInteraction(link))
    }

    @Test func aBadLinkFails() async {
        let conversation = Conversation([])
        let approver = PlainApprover(
            backend: FakeBackend(), timeZone: Fixtures.utc, now: { Fixtures.now },
            readLine: { conversation.readLine() }, write: { conversation.transcript += $0 },
            interaction: DeviceInteractionDisplayTests.link)
        #expect(await approver.run() == 1)
        #expect(conversation.transcript.contains("No request has this link"))
    }
}

import GNAP
import TerminalApps
import Testing

@Suite struct DeviceBannerTests {
    let banner = DeviceBanner(
        userCode: try! UserCode(parsing: "WDJB-MJHT"), userCodeURI: "http://127.0.0.1:8080/device",
        serverURL: "http://127.0.0.1:8080", expiresAt: Fixtures.now.advanced(by: .seconds(581)))

    @Test func blockLettersAt80Columns() {
        let lines = banner.lines(now: Fixtures.now, width: 80)
        #expect(
            lines == [
                "To let this device in, enter this code:",
                "",
                "  █   █ ████    ███ ████        █   █   ███ █   █ █████",
                "  █   █ █   █    █  █   █       ██ ██    █  █   █   █",
                "  █ █ █ █   █    █  ████   ███  █ █ █    █  █████   █",
                "  ██ ██ █   █ █  █  █   █       █   █ █  █  █   █   █",
                "  █   █ ████   ██   ████        █   █  ██   █   █   █",
                "",
                "  WDJB-MJHT",
                "",
                "Enter it at http://127.0.0.1:8080/device",
                "Approve with: gnapterm approve --as http://127.0.0.1:8080",
                "The code expires in 09:41.",
            ])
    }

    @Test func spacedOutCodeAt30Columns() {
        let lines = banner.lines(now: Fixtures.now, width: 30)
        #expect(
            lines == [
                "To let this device in, enter",
                "this code:",
                "",
                "  W D J B - M J H T",
                "",
                "Enter it at",
                "  http://127.0.0.1:8080/device",
                "Approve with:",
                "  gnapterm approve --as http://127.0.0.1:8080",
                "The code expires in 09:41.",
            ])
    }

    @Test func withoutURIAfterExpiryAndWithAHostileURI() {
        var banner = banner
        banner.userCodeURI = nil
        let expired = banner.lines(now: Fixtures.now.advanced(by: .seconds(600)), width: 80)
        #expect(!expired.contains { $0.hasPrefix("Enter it at") })
        #expect(expired.last == "The code has expired.")
        banner.userCodeURI = "http://as.example/\u{1B}]8;;http://evil.example\u{07}device"
        #expect(banner.lines(now: Fixtures.now, width: 80).contains("Enter it at http://as.example/�device"))
    }

    @Test func statusLines() {
        let expiresAt = banner.expiresAt
        let now = Fixtures.now
        #expect(
            DeviceBanner.statusLine(status: .waiting, expiresAt: expiresAt, now: now)
                == "Waiting for approval… 09:41 left")
        #expect(DeviceBanner.statusLine(status: .retrying, expiresAt: expiresAt, now: now) == "Retrying… 09:41 left")
        #expect(DeviceBanner.statusLine(status: .approved, expiresAt: expiresAt, now: now) == "Approved")
        #expect(DeviceBanner.statusLine(status: .denied, expiresAt: expiresAt, now: now) == "Denied")
        #expect(DeviceBanner.statusLine(status: .expired, expiresAt: expiresAt, now: now) == "Expired")
        let later = now.advanced(by: .seconds(581))
        #expect(DeviceBanner.statusLine(status: .waiting, expiresAt: expiresAt, now: later) == "Expired")
    }
}

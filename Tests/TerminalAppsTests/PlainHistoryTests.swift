import GNAP
import TerminalApps
import Testing

/// Plain mode's history at the code prompt, and `gnapterm keys`' text, as exact transcripts.
@Suite struct PlainHistoryTests {
    @Test func historyAtTheCodePromptPrintsTheDecisionsAndAsksAgain() async {
        let (status, transcript) = await PlainApproverTests().converse(["history", "history calendar", "history zebra"])
        #expect(status == 1)
        #expect(
            transcript == PlainApproverTests.start + """
                User code: history
                2026-01-01 08:00:00  approved  Photo Printer
                    granted   photo-api: read, write @ https://photos.example/albums (metadata, images) — Photos stored in your library
                    granted   dolphin-metadata — Metadata of the dolphin research dataset
                    withheld  profile.write
                    withheld  printer #lobby-2 [admin] — Printers you may use
                    released  opaque
                2025-12-31 09:00:00  denied    Calendar Sync
                    withheld  calendar: read — Your calendar and its events
                    reason    The device is not mine
                User code: history calendar
                2025-12-31 09:00:00  denied    Calendar Sync
                    withheld  calendar: read — Your calendar and its events
                    reason    The device is not mine
                User code: history zebra
                No decision matches “zebra”.
                User code: <EOF>

                Cancelled; no decision was sent.

                """)
    }

    @Test func historyIsNotACode() async {
        let backend = FakeBackend()
        let (_, transcript) = await PlainApproverTests().converse(
            ["1", "history nothing", "2", "history nothing", "3"], backend: backend)
        #expect(transcript.components(separatedBy: "No decision matches").count == 3)
        #expect(transcript.components(separatedBy: "Not a valid code").count == 4)
        #expect(!backend.calls.contains { if case .enterCode = $0 { true } else { false } })
    }

    @Test func keysAreListedWithThumbprintsAndSealState() {
        #expect(
            KeysPrinter.text(Fixtures.keys, timeZone: Fixtures.utc) == """
                http://127.0.0.1:8080
                    device      dev-4F7A
                    thumbprint  NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs
                    enrolled    2025-12-29 09:20:00 UTC
                    at rest     sealed with a passphrase

                """)
        #expect(KeysPrinter.text([], timeZone: Fixtures.utc).hasPrefix("No device key"))
    }
}

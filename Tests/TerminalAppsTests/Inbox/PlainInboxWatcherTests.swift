import Foundation
import GNAP
import GNAPClient
import Synchronization
import TerminalApps
import TerminalSession
import Testing

/// `gnapterm approve --plain --watch`: one line per waiting and arriving request, commands read meanwhile.
@Suite struct PlainInboxWatcherTests {
    /// Runs the watcher; `script` gets the output so far and sends command lines when it sees what it waits for.
    static func run(
        _ backend: FakeBackend, rings: Bool = true,
        script:
            @escaping @Sendable (_ waitFor: @Sendable (String) async -> Void, _ send: @Sendable (String) -> Void)
            async -> Void
    ) async -> (status: Int32, output: String) {
        let output = DeviceModeTests.Lines()
        let (lines, input) = AsyncStream<String>.makeStream()
        let watcher = PlainInboxWatcher(
            backend: backend, timeZone: Fixtures.utc, now: { Fixtures.now }, lines: lines, write: output.write,
            rings: rings)
        async let status = watcher.run()
        await script(
            { text in
                let deadline = ContinuousClock.now.advanced(by: .seconds(60))
                while !output.value.contains(text), ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .milliseconds(5))
                }
            },
            { input.yield($0) })
        input.finish()
        return (await status, output.value)
    }

    static var arrival: InboxItem {
        var item = InboxFixtures.bot
        item.grantID = "g-new"
        item.client = Fixtures.client(name: "Night\u{1B}[2J Job", uri: nil, vetted: false)
        item.agent = nil
        item.requestedAt = Fixtures.now
        return item
    }

    @Test func itListsRingsForArrivalsAndApprovesASubset() async throws {
        let backend = FakeBackend(
            inboxSnapshot: InboxFixtures.snapshot, inboxReviews: ["g-bot": InboxFixtures.botReview],
            inboxBatches: [[InboxStreamEvent(id: 42, event: .request(Self.arrival))]])
        let (status, output) = await Self.run(backend) { waitFor, send in
            await waitFor("NEW ")
            send("approve 2 2")
            await waitFor("Approved")
        }
        #expect(status == 0)
        #expect(output.contains("2 request(s) waiting:"))
        // The bell reaches the terminal as a BEL, once, before the arrival's line; the client's escape does not.
        #expect(output.contains("\u{07}NEW "))
        #expect(output.filter { $0 == "\u{07}" }.count == 1)
        #expect(!output.contains("\u{1B}"))
        #expect(output.contains("Approved: 1 of 2 right(s)."))
        #expect(
            backend.calls.contains(
                .approve(grantID: "g-bot", ApprovalRequest(rights: ["0.1"], subjectFormats: [], assertionFormats: []))))
    }

    @Test func withoutRingingThereIsNoBell() async throws {
        let backend = FakeBackend(
            inboxSnapshot: InboxFixtures.snapshot,
            inboxBatches: [[InboxStreamEvent(id: 42, event: .request(Self.arrival))]])
        let (_, output) = await Self.run(backend, rings: false) { waitFor, _ in await waitFor("NEW ") }
        #expect(output.contains("NEW ") && !output.contains("\u{07}"))
    }

    @Test func moreRequestsThanListedAreSaid() async throws {
        var snapshot = InboxFixtures.snapshot
        snapshot.truncated = true
        let backend = FakeBackend(inboxSnapshot: snapshot)
        let (_, output) = await Self.run(backend) { waitFor, _ in await waitFor("Commands:") }
        #expect(
            output.contains(
                "More requests are waiting than listed here (the oldest 2 are); decide some and start again to see "
                    + "the rest."))
    }

    @Test func aDecisionTakenElsewhereIsToldPlainly() async throws {
        let removal = InboxRemoval(grantID: "g-bot", outcome: "denied", deviceID: "d", deviceName: "phone")
        let backend = FakeBackend(
            inboxSnapshot: InboxFixtures.snapshot,
            inboxBatches: [[InboxStreamEvent(id: 42, event: .removed(removal))]])
        let (_, output) = await Self.run(backend) { waitFor, send in
            await waitFor("gone:")
            send("approve 2")
            await waitFor("No request numbered")
        }
        #expect(output.contains("gone: This request was denied on your terminal “phone”; it is no longer waiting."))
        #expect(!backend.calls.contains { if case .approve = $0 { true } else { false } })
    }

    @Test func withoutAnInboxAtTheASItSaysSoAndFails() async {
        let (status, output) = await Self.run(FakeBackend()) { _, _ in }
        #expect(status == 1 && output.contains("Cannot open the inbox"))
    }
}

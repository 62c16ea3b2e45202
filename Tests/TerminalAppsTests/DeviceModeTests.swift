import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import Synchronization
import TerminalUI
import TerminalUITestSupport
import Testing

@testable import TerminalApps
@testable import TerminalSession

/// The device mode without a network: the plain (non-terminal) lines, the full-screen run loop on a virtual
/// terminal, the `--output` file and `device token` without a stored grant.
@Suite struct DeviceModeTests {
    final class Lines: Sendable {
        private let text = Mutex("")
        func write(_ piece: String) { text.withLock { $0 += piece } }
        var value: String { text.withLock { $0 } }
    }

    typealias Event = DeviceFlow<GNAP.ManualClock>.Event

    @Test func withoutATerminalTheProgressIsPlainLinesOnStderr() {
        let err = Lines()
        let display = DeviceProgressDisplay(serverURL: "http://127.0.0.1:8080", stderr: err.write)
        let now = Fixtures.now
        let events: [Event] = [
            .interaction(DeviceScreenTests.interaction), .waiting(nextPollAt: now.advanced(by: .seconds(5))),
            .waiting(nextPollAt: now.advanced(by: .seconds(10))),
            .retrying(
                reason: "cannot reach the authorization server: connection refused",
                nextPollAt: now.advanced(by: .seconds(20))),
            .waiting(nextPollAt: now.advanced(by: .seconds(25))), .codeEntered,
            .waiting(nextPollAt: now.advanced(by: .seconds(30))),
        ]
        for event in events { display.show(event, now: now) }
        display.show(.approved, now: now)
        assertSnapshot(err.value, named: "device-non-tty")
        #expect(!err.value.contains("\u{1B}"))
        #expect(!err.value.contains("█"))
    }

    @Test func theJSONLines() {
        #expect(DeviceOutput.progress(Event.codeEntered) == #"{"event":"code_entered"}"#)
        #expect(
            DeviceOutput.progress(Event.waiting(nextPollAt: Fixtures.now))
                == #"{"event":"waiting","next_poll_at":"2026-01-01T09:00:00Z"}"#)
    }

    /// How long a script may wait for text the screen never shows: the flow ends the run first. Generous, because a
    /// loaded machine can hold the flow's task back for seconds.
    static let flowEndsFirst: Duration = .seconds(120)

    /// The status of every outcome in these tests.
    @Sendable static func approved(_: String) -> DeviceStatus { .approved }

    @Test func theFullScreenRunShowsProgressAndEndsWithTheFlow() async throws {
        let (go, signal) = AsyncStream<Void>.makeStream()
        let terminal = VirtualTerminal(
            size: Size(width: 80, height: 24),
            script: [.waitFor("Waiting for someone"), .perform { signal.yield() }, .waitFor("never shown")],
            waitTimeout: Self.flowEndsFirst)
        let outcome = try await DeviceFullScreen.run(
            on: terminal, serverURL: "http://127.0.0.1:8080", clock: GNAP.ManualClock(now: Fixtures.now),
            status: Self.approved
        ) { report in
            report(.interaction(DeviceScreenTests.interaction))
            for await _ in go { break }
            report(.status(.codeEntered))
            return "granted"
        }
        #expect(outcome == "granted")
        let screens = await terminal.frames.map(VirtualTerminal.renderText)
        #expect(screens.contains { $0.contains("Code entered") })
    }

    @Test func qOnTheDeviceGivesUpAndCancelsTheFlow() async throws {
        let terminal = VirtualTerminal(
            size: Size(width: 80, height: 24),
            script: [.waitFor("Waiting for someone"), .key(.character("q")), .waitFor("never shown")],
            waitTimeout: Self.flowEndsFirst)
        let outcome = try await DeviceFullScreen.run(
            on: terminal, serverURL: "http://127.0.0.1:8080", clock: GNAP.ManualClock(now: Fixtures.now),
            status: Self.approved
        ) { report in
            report(.interaction(DeviceScreenTests.interaction))
            try await Task.sleep(for: .seconds(3600))
            return "granted"
        }
        #expect(outcome == nil)
    }

    @Test func yAndCCopyTheCodeAndTheApproveCommandWithOSC52() async throws {
        let terminal = VirtualTerminal(
            size: Size(width: 80, height: 24),
            script: [
                .waitFor("Waiting for someone"), .type("y"), .waitFor("Copied the code"), .type("l"), .type("c"),
                .waitFor("Copied the approve command"), .key(.character("q")), .waitFor("never shown"),
            ])
        let outcome = try await DeviceFullScreen.run(
            on: terminal, serverURL: "http://127.0.0.1:8080", clock: GNAP.ManualClock(now: Fixtures.now),
            status: Self.approved
        ) { report in
            report(.interaction(DeviceScreenTests.interaction))
            try await Task.sleep(for: .seconds(3600))
            return "granted"
        }
        #expect(outcome == nil)
        #expect(
            await terminal.clipboardWrites == [
                ClipboardSequence.osc52("WDJB-MJHT"), ClipboardSequence.osc52("http://127.0.0.1:8080/device"),
                ClipboardSequence.osc52("gnapterm approve --as http://127.0.0.1:8080"),
            ])
        let copied = try #require(await terminal.frames.map(VirtualTerminal.renderText).last { $0.contains("Copied") })
        assertSnapshot(copied, named: "device-80x24-copied")
    }

    @Test func aFailingFlowClosesTheScreenAndRethrows() async throws {
        let terminal = VirtualTerminal(
            size: Size(width: 80, height: 24), script: [.waitFor("never shown")], waitTimeout: Self.flowEndsFirst)
        await #expect(throws: SessionError.self) {
            _ = try await DeviceFullScreen.run(
                on: terminal, serverURL: "http://127.0.0.1:8080", clock: GNAP.ManualClock(now: Fixtures.now),
                status: Self.approved
            ) { _ -> String in
                throw SessionError("the AS went away")
            }
        }
    }

    // MARK: --output

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gnapterm-output-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func mode(_ path: String) throws -> Int? {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    @Test func theOutputFileIsCreated0600AndAnExistingOneIsMade0600() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("token.json").path
        try TokenOutputFile.open(path).write("{\"value\":\"x\"}\n")
        #expect(try Self.mode(path) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"value\":\"x\"}\n")
        // An existing, world-readable file: narrowed to 0600 and replaced, not appended to.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try TokenOutputFile.open(path).write("new\n")
        #expect(try Self.mode(path) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    }

    @Test func aSymbolicLinkIsRefusedAndLeftAlone() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("elsewhere").path
        try "keep\n".write(toFile: target, atomically: true, encoding: .utf8)
        let link = directory.appendingPathComponent("token.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        do {
            _ = try TokenOutputFile.open(link)
            Issue.record("a symbolic link was opened")
        } catch {
            #expect(
                error.description
                    == "cannot write the token to \(link): it is a symbolic link, which --output refuses")
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep\n")
    }

    @Test func anUnwritablePathSaysWhy() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("no/such/dir/token.json").path
        #expect(throws: SessionError.self) { try TokenOutputFile.open(missing) }
        do {
            _ = try TokenOutputFile.open(missing)
        } catch {
            #expect(error.description == "cannot write the token to \(missing): No such file or directory")
        }
        do {
            _ = try TokenOutputFile.open(directory.path)
        } catch {
            #expect(error.description.hasPrefix("cannot write the token to \(directory.path): "))
        }
    }

    @Test func aDiscardedFileThisRunCreatedIsRemoved() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("token.json").path
        try TokenOutputFile.open(path).discard()
        #expect(!FileManager.default.fileExists(atPath: path))
        try "old\n".write(toFile: path, atomically: true, encoding: .utf8)
        try TokenOutputFile.open(path).discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    }

    // MARK: device token

    actor EmptyStore: DeviceGrantStore, ClientKeyStore {
        func deviceGrant(name: String) async throws -> DeviceGrantRecord? { nil }
        func saveDeviceGrant(_ record: DeviceGrantRecord, name: String) async throws {}
        func deleteDeviceGrant(name: String) async throws {}
        func clientKey(name: String) async throws -> JWK? { nil }
        func saveClientKey(name: String, jwk: JWK) async throws {}
        func deleteClientKey(name: String) async throws {}
        func promoteClientKey(_ pending: String, to name: String) async throws {}
    }

    @Test func tokenCommandsWithoutAStoredGrantSaySoAndFail() async {
        for action in DeviceTokenCommand<WallClock>.Action.allCases {
            let err = Lines()
            let store = EmptyStore()
            let command = DeviceTokenCommand(
                grantStore: store, keyStore: store, transport: AsyncHTTPTransport(), clock: WallClock(),
                stdout: { _ in }, stderr: err.write)
            #expect(await command.run(action) == 1)
            #expect(
                err.value
                    == "gnapterm device token \(action.rawValue): no stored grant in this home; run gnapterm device first\n"
            )
        }
    }
}

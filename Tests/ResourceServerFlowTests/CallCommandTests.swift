import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import ReferenceResourceServer
import Synchronization
import TerminalSession
import Testing

/// `gnapterm call` (``ResourceCallCommand``): follows the RS-first challenge, runs the device flow, retries; then
/// uses the stored token. Driven in process with in-memory stores and the stack's manual clock.
@Suite("gnapterm call against the reference RS", .timeLimit(.minutes(2)))
struct CallCommandTests {
    final class MemoryStore: ClientKeyStore, DeviceGrantStore {
        private let keys = Mutex<[String: JWK]>([:])
        private let grants = Mutex<[String: DeviceGrantRecord]>([:])
        func clientKey(name: String) async throws -> JWK? { keys.withLock { $0[name] } }
        func saveClientKey(name: String, jwk: JWK) async throws { keys.withLock { $0[name] = jwk } }
        func deleteClientKey(name: String) async throws { _ = keys.withLock { $0.removeValue(forKey: name) } }
        func promoteClientKey(_ pending: String, to name: String) async throws {
            try keys.withLock { keys in
                guard let key = keys.removeValue(forKey: pending) else { throw CancellationError() }
                keys[name] = key
            }
        }
        func deviceGrant(name: String) async throws -> DeviceGrantRecord? { grants.withLock { $0[name] } }
        func saveDeviceGrant(_ record: DeviceGrantRecord, name: String) async throws {
            grants.withLock { $0[name] = record }
        }
        func deleteDeviceGrant(name: String) async throws { _ = grants.withLock { $0.removeValue(forKey: name) } }
    }

    /// What a command wrote, line by line.
    final class Output: Sendable {
        let lines = Mutex<[String]>([])
        let text = Mutex("")
        func append(_ chunk: String) {
            text.withLock { $0 += chunk }
            lines.withLock { $0 += chunk.split(separator: "\n").map(String.init) }
        }
        var all: [String] { lines.withLock { $0 } }
    }

    static func command(
        _ stack: LiveStack, store: MemoryStore, method: String = "GET", data: String? = nil, out: Output, err: Output
    ) -> ResourceCallCommand<ManualClock> {
        ResourceCallCommand(
            url: stack.notesURL, method: method, data: data, json: true, deviceDisplay: .json, displayName: "test call",
            startModes: ["user_code"], transport: stack.transport, keyStore: store, grantStore: store,
            clock: stack.clock, stdout: { out.append($0) }, stderr: { err.append($0) })
    }

    @Test func withoutATokenItFollowsTheChallengeGetsApprovedAndRetries() async throws {
        let stack = try await LiveStack.start()
        let store = MemoryStore()
        let out = Output()
        let err = Output()
        let running = Task { await Self.command(stack, store: store, out: out, err: err).run() }
        // The device flow prints its user code; the approver grants reading only.
        let code = try await Self.userCode(in: out)
        let approver = try await stack.enrolledApprover()
        let review = try await approver.enterCode(try UserCode(parsing: code))
        #expect(review.allRights.map(\.right) == NotesServer.access(base: stack.notes.base))
        #expect(review.allRights.allSatisfy { $0.description == "served by Notes (vetted resource server)" })
        _ = try await approver.approve(grantID: review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
        let status = try await Self.finish(running, stack: stack)
        #expect(status == 0, "\(err.text.withLock { $0 })")
        let last = try #require(out.all.last)
        #expect(last.contains(#""event":"response""#) && last.contains(#""status":200"#))
        #expect(try await store.deviceGrant(name: "device")?.accessToken != nil)

        // Now with the stored token: writing was withheld, so the RS refuses with 403 (exit 5), no new grant.
        let writeOut = Output()
        let write = await Self.command(
            stack, store: store, method: "POST", data: #"{"text":"hi"}"#, out: writeOut, err: Output()
        ).run()
        #expect(write == 5)
        #expect(writeOut.all.count == 1)
        #expect(writeOut.all[0].contains(#""status":403"#) && writeOut.all[0].contains("insufficient_access"))
        await stack.stop()
    }

    @Test func aDeniedRequestForAccessExitsThree() async throws {
        let stack = try await LiveStack.start()
        let out = Output()
        let running = Task { await Self.command(stack, store: MemoryStore(), out: out, err: Output()).run() }
        let code = try await Self.userCode(in: out)
        let approver = try await stack.enrolledApprover()
        let review = try await approver.enterCode(try UserCode(parsing: code))
        _ = try await approver.deny(grantID: review.grantID, reason: "no")
        #expect(try await Self.finish(running, stack: stack) == 3)
        await stack.stop()
    }

    @Test func badArgumentsAreSentences() {
        #expect(throws: SessionError.self) {
            try ResourceCallCommand<ManualClock>.check(url: "notes", method: "GET", data: nil)
        }
        #expect(throws: SessionError.self) {
            try ResourceCallCommand<ManualClock>.check(url: "http://rs/notes", method: "G E T", data: nil)
        }
        let notJSON = #expect(throws: SessionError.self) {
            try ResourceCallCommand<ManualClock>.check(url: "http://rs/notes", method: "POST", data: "{text}")
        }
        #expect(notJSON?.description == "--data is not JSON")
    }

    /// Waits for the device flow's `user_code` line.
    static func userCode(in out: Output) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while ContinuousClock.now < deadline {
            for line in out.all where line.contains(#""user_code""#) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                if let code = object["user_code"] as? String { return code }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CancellationError()
    }

    /// Moves the manual clock on while the flow polls, until the command ends.
    static func finish(_ running: Task<Int32, Never>, stack: LiveStack) async throws -> Int32 {
        let result = Mutex<Int32?>(nil)
        let waiter = Task {
            let status = await running.value
            result.withLock { $0 = status }
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while result.withLock({ $0 }) == nil, ContinuousClock.now < deadline {
            if stack.clock.sleeperCount > 0 { stack.clock.advance(by: .seconds(5)) }
            try await Task.sleep(for: .milliseconds(20))
        }
        await waiter.value
        return try #require(result.withLock { $0 })
    }
}

import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Logging
import Synchronization
import Testing

/// The AS's log says what happens to grants (created, approved, denied, expired) and to code entry (a lockout), as
/// fixed messages with metadata, and never carries a user code or a token.
@Suite("serve log")
struct ServeLogTests {
    /// Every log line, as "<level> <message> key=value …" with the keys sorted.
    final class Recorder: Sendable {
        let lines = Mutex<[String]>([])

        var logger: Logger {
            Logger(label: "gnapterm.as.test") { _ in Handler(recorder: self) }
        }

        struct Handler: LogHandler {
            let recorder: Recorder
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .info

            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }

            func log(event: LogEvent) {
                let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                recorder.lines.withLock {
                    $0.append(([event.level.rawValue, event.message.description] + fields).joined(separator: " "))
                }
            }
        }
    }

    @Test func decisionsExpiriesAndLockoutsAreLoggedWithoutSecrets() async throws {
        let recorder = Recorder()
        let harness = try await ASHarness(logger: recorder.logger)
        let secrets = try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let approved = TestClientInstance()
            let first = try await client.startGrant(try approved.request(), key: approved.key)
            let review = try await client.enterCode(of: first, as: admin)
            _ = try await client.approve(
                review.grantID, ApprovalRequest(rights: review.allRights.map(\.id), subjectFormats: []), as: admin)
            let deniedInstance = TestClientInstance()
            let second = try await client.startGrant(try deniedInstance.request(), key: deniedInstance.key)
            let denial = try await client.enterCode(of: second, as: admin)
            _ = try await client.send(
                .post, "/interact/v1/grants/\(denial.grantID)/deny", json: DenialRequest(reason: "not ours"),
                key: admin.key, profile: .approverAPI)
            let late = TestClientInstance()
            let third = try await client.startGrant(try late.request(), key: late.key)
            harness.clock.advance(by: .seconds(601))
            _ = try await harness.server.expiryService().sweep()
            for _ in 0..<5 {
                _ = try await client.send(
                    .post, "/interact/v1/code", json: CodeEntryRequest(userCode: "2222-2222"), key: admin.key,
                    profile: .approverAPI)
            }
            return [
                first.interact?.userCode, second.interact?.userCode, third.interact?.userCode,
                first.continue?.accessToken.value,
            ].compactMap { $0 }
        }
        let lines = recorder.lines.withLock { $0 }
        func logged(_ prefix: String) -> Bool { lines.contains { $0.hasPrefix(prefix) } }
        #expect(logged("info grant created "))
        #expect(logged("info grant approved "))
        #expect(logged("info grant denied "))
        #expect(logged("info grant expired "))
        #expect(logged("warning approver device locked out of code entry "))
        #expect(lines.contains { $0.hasPrefix("info grant approved ") && $0.contains("actor=device:") })
        #expect(lines.contains { $0.hasPrefix("info grant expired ") && $0.contains("actor=system:expiry") })
        for secret in secrets + ["2222"] {
            #expect(!lines.contains { $0.contains(secret) }, "\(secret)")
        }
        // The reason a person typed stays in the audit log, not in the server's log.
        #expect(!lines.contains { $0.contains("not ours") })
    }
}

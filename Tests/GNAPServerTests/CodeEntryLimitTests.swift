import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

@Suite("Code entry brute-force limits")
struct CodeEntryLimitTests {
    func enter(_ code: String, as approver: TestApprover, _ client: ASHarness.Client) async throws
        -> ASHarness.Client.Reply
    {
        try await client.send(
            .post, "/interact/v1/code", json: CodeEntryRequest(userCode: code), key: approver.key,
            profile: .approverAPI)
    }

    @Test func failuresSayHowManyTriesRemainThenTheDeviceIsLockedUntilTheWindowPasses() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let instance = TestClientInstance()
            let real = try await client.startGrant(try instance.request(), key: instance.key)
            var descriptions: [String] = []
            for _ in 0..<5 {
                let reply = try await enter("2222-2222", as: alice, client)
                #expect(reply.status == .notFound && reply.error?.code == .userCodeUnknown)
                descriptions.append(reply.error?.errorDescription ?? "")
                harness.clock.advance(by: .seconds(10))
            }
            #expect(
                descriptions == [
                    "no request has this code; 4 tries left on this device before a 15-minute lockout",
                    "no request has this code; 3 tries left on this device before a 15-minute lockout",
                    "no request has this code; 2 tries left on this device before a 15-minute lockout",
                    "no request has this code; 1 try left on this device before a 15-minute lockout",
                    "no request has this code; this device may not enter codes for the next 15 minutes",
                ])
            // Even the right code is refused while locked: the lockout is not an oracle.
            let locked = try await enter(try #require(real.interact?.userCode), as: alice, client)
            #expect(locked.status == .tooManyRequests && locked.error?.code == .tooManyAttempts)
            #expect(locked.headers[.retryAfter] == "850")
            #expect(
                locked.error?.errorDescription == "too many failed code entries from this device; try again in 850 s")
            harness.clock.advance(by: .seconds(851))
            let later = try await enter("2222-2222", as: alice, client)
            #expect(later.error?.errorDescription?.hasSuffix("may not enter codes for the next 15 minutes") == true)
            let events = try await harness.store.auditEntries(AuditQuery(kind: "code.failed")).map(\.event)
            #expect(events.count == 6)
            #expect(events.allSatisfy { !$0.detail.contains("2222") })
        }
    }

    @Test func theASWideCapStopsAnAttackerWithManyDevices() async throws {
        let harness = try await ASHarness { configuration in
            configuration.codeAttempts = CodeAttemptPolicy(asWideLimit: 3, asWideWindow: .seconds(60))
        }
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            var devices = [alice]
            for _ in 0..<3 { devices.append(try await enrollAnotherDevice(harness, client)) }
            for device in devices.prefix(3) {
                #expect(try await enter("2222-2222", as: device, client).status == .notFound)
            }
            let capped = try await enter("2222-2222", as: devices[3], client)
            #expect(capped.status == .tooManyRequests && capped.error?.code == .tooManyAttempts)
            #expect(capped.error?.errorDescription?.contains("paused for everyone") == true)
            harness.clock.advance(by: .seconds(61))
            #expect(try await enter("2222-2222", as: devices[3], client).status == .notFound)
        }
    }

    @Test func malformedCodesAreNotCountedAsGuesses() async throws {
        let harness = try await ASHarness { configuration in
            configuration.codeAttempts = CodeAttemptPolicy(perDeviceLimit: 1)
        }
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            for _ in 0..<3 { #expect(try await enter("ABC", as: alice, client).error?.code == .userCodeMalformed) }
            #expect(try await enter("2222-2222", as: alice, client).error?.code == .userCodeUnknown)
            #expect(try await enter("2222-2222", as: alice, client).error?.code == .tooManyAttempts)
        }
    }

    /// RFC 9635 §3.3.3 leaves code strength to the AS. With the shipped defaults, an attacker who rotates devices is
    /// held by the AS-wide cap: over one code's lifetime the chance of hitting that code stays below 2^-20, and
    /// stays below it even if any of 1,024 codes pending at once would do.
    @Test func withTheDefaultsGuessingSucceedsWithProbabilityBelowTwoToTheMinusTwenty() {
        let configuration = ServerConfiguration()
        let codeSpace = pow(Double(UserCode.alphabet.count), Double(UserCode.length))
        #expect(codeSpace == pow(2, 40))
        let guesses = configuration.codeAttempts.maximumFailedGuesses(during: configuration.interactionLifetime)
        let perCode = Double(guesses) / codeSpace
        #expect(perCode < pow(2, -20))
        #expect(perCode * 1024 < pow(2, -20), "log2 = \(log2(perCode * 1024))")
        // The per-device limit alone would not be the protection: it is the AS-wide cap that bounds `guesses`.
        #expect(guesses == configuration.codeAttempts.asWideLimit * 11)
    }

    func enrollAnotherDevice(_ harness: ASHarness, _ client: ASHarness.Client) async throws -> TestApprover {
        let account = try #require(try await harness.store.account(username: "admin"))
        let code = EnrollmentCode.generate()
        try await harness.store.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: Secrets.hash(code.normalized), accountID: account.id, createdAt: harness.clock.now,
                expiresAt: harness.clock.now.advanced(by: .seconds(60))))
        return try await TestApprover.enroll(client, code: code.display)
    }
}

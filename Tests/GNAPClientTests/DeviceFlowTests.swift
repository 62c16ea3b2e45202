import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Synchronization
import Testing

/// The whole user-code flow against a real AS over HTTP: device requests, approver enters the code and decides,
/// device polls.
@Suite("User-code flow over HTTP", .serialized)
struct DeviceFlowTests {
    final class Events: Sendable {
        let events = Mutex<[DeviceFlow<ManualClock>.Event]>([])
        func append(_ event: DeviceFlow<ManualClock>.Event) { events.withLock { $0.append(event) } }
        var userCode: String? {
            events.withLock { list in
                list.compactMap { if case .interaction(let interaction) = $0 { interaction.userCode } else { nil } }
                    .first
            }
        }
    }

    func startDevice(
        _ server: LiveServer, key: SigningKey = .generateEd25519(keyID: "device"), subject: SubjectRequest? = nil
    )
        async throws -> (Task<DeviceFlow<ManualClock>.Outcome, any Error>, Events, String)
    {
        let flow = DeviceFlow(client: server.grantClient(key: key), clock: server.clock)
        let request = try flow.grantRequest(
            access: [.photosAndDolphins], display: ClientDisplay(name: "Living-room TV", uri: "https://tv.example"),
            subject: subject)
        let events = Events()
        let task = Task { try await flow.run(request, endpoint: server.base + "/gnap") { events.append($0) } }
        while events.userCode == nil { try await Task.sleep(for: .milliseconds(5)) }
        return (task, events, events.userCode!)
    }

    @Test func approvedSubsetIsExactlyWhatTheTokenCarries() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover(username: "alice")
        let (device, _, code) = try await startDevice(
            server, subject: SubjectRequest(subIDFormats: ["opaque", "email"]))
        let review = try await approver.enterCode(try UserCode(parsing: code.lowercased()))
        #expect(review.client.display?.name == "Living-room TV")
        #expect(review.client.vetted == false)
        #expect(review.allRights.map(\.id) == ["0.0", "0.1", "0.2"])
        #expect(review.allRights[1].description == "Metadata of the dolphin research dataset")
        #expect(review.subject?.subIDFormats == ["opaque", "email"])
        let decision = try await approver.approve(
            grantID: review.grantID, ApprovalRequest(rights: ["0.0", "0.2"], subjectFormats: ["email"]))
        #expect(decision.status == .approved)
        await server.waitForSleepers()
        server.clock.advance(by: .seconds(5))
        guard case .granted(let response) = try await device.value else {
            Issue.record("the device must be granted")
            return
        }
        let token = try #require(response.accessToken?.tokens.first)
        #expect(
            token.access == [
                AccessTokenRequest.photosAndDolphins.access[0], AccessTokenRequest.photosAndDolphins.access[2],
            ])
        #expect(token.expiresIn == 3600)
        // Only the released format, for the approving account; the withheld opaque identifier is absent.
        #expect(response.subject?.subIDs == [.email("alice@example.com")])
        // The stored token is a hash bound to the device key.
        let stored = try #require(try await server.store.accessToken(hash: Secrets.hash(token.value)))
        #expect(stored.boundKeyThumbprint != nil)
        #expect(stored.access == token.access)
        // The grant stays open for modification (§5.3) and cancellation (§5.4): a new continuation comes along.
        #expect(response.continue?.uri.contains("/gnap/continue/") == true)
    }

    @Test func anInterruptedDeviceCancelsItsGrant() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let (device, _, code) = try await startDevice(server)
        await server.waitForSleepers()
        device.cancel()
        await #expect(throws: CancellationError.self) { try await device.value }
        // §5.4: the grant is gone, so the code shown on the device no longer works.
        do {
            _ = try await approver.enterCode(try UserCode(parsing: code))
            Issue.record("the code of a cancelled grant must not work")
        } catch {
            let refusal = (error as? GNAPClientError)?.gnapError
            #expect(refusal?.code == .requestWithdrawn)
            #expect(refusal?.errorDescription == "the device withdrew this request")
        }
    }

    @Test func denialEndsWithUserDenied() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let (device, _, code) = try await startDevice(server)
        let review = try await approver.enterCode(try UserCode(parsing: code))
        #expect(try await approver.deny(grantID: review.grantID, reason: "I did not start this").status == .denied)
        await server.waitForSleepers()
        server.clock.advance(by: .seconds(5))
        guard case .denied(let error) = try await device.value else {
            Issue.record("the device must be told it was denied")
            return
        }
        #expect(error.code == .userDenied)
        let audit = try await server.store.auditEvents(grantID: review.grantID).map(\.kind)
        #expect(audit == ["grant.created", "code.entered", "grant.denied", "grant.finalized"])
    }

    @Test func expiryIsReportedAndTheCodeStopsWorking() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let (device, events, code) = try await startDevice(server)
        // Poll every 5 s of manual time until the device stops polling.
        while await server.waitForSleepers(timeout: .seconds(2)) { server.clock.advance(by: .seconds(5)) }
        #expect(server.clock.now.unixSeconds - 1_767_225_600 >= 600)
        #expect(try await device.value == .expired)
        #expect(events.events.withLock { $0.count } > 100)
        await #expect(throws: GNAPClientError.self) { try await approver.enterCode(try UserCode(parsing: code)) }
        do {
            _ = try await approver.enterCode(try UserCode(parsing: code))
        } catch {
            #expect((error as? GNAPClientError)?.gnapError?.code == .userCodeExpired)
        }
    }

    @Test func pollingTooFastIsRefusedAndTokensRotate() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let client = server.grantClient()
        let flow = DeviceFlow(client: client, clock: server.clock)
        let response = try await client.request(
            try flow.grantRequest(access: [.photosAndDolphins], display: nil), endpoint: server.base + "/gnap")
        let first = try #require(response.continue)
        #expect(first.wait == 5)
        #expect(first.uri.hasPrefix(server.base + "/gnap/continue/"))
        // Too fast: the AS says so, rotates the token and tells how long to wait (RFC 9635 §3.6).
        let early = try await client.poll(first)
        #expect(early.error?.code == .tooFast)
        let rotated = try #require(early.continue)
        #expect(rotated.accessToken != first.accessToken && rotated.wait == 5)
        server.clock.advance(by: .seconds(5))
        let second = try #require(try await client.poll(rotated).continue)
        #expect(second.accessToken != rotated.accessToken)
        // Once the rotated token was used, the first one no longer works (not even to repeat a lost call).
        do {
            _ = try await client.poll(first)
            Issue.record("a rotated continuation token must not work again")
        } catch {
            #expect(error.gnapError?.code == .invalidContinuation)
        }
        server.clock.advance(by: .seconds(5))
        #expect(try await client.poll(second).continue != nil)
    }

    @Test func continuationNeedsTheGrantsKey() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let client = server.grantClient()
        let flow = DeviceFlow(client: client, clock: server.clock)
        let response = try await client.request(
            try flow.grantRequest(access: [.photosAndDolphins], display: nil), endpoint: server.base + "/gnap")
        server.clock.advance(by: .seconds(5))
        let thief = server.grantClient(key: .generateEd25519(keyID: "device"))
        do {
            _ = try await thief.poll(try #require(response.continue))
            Issue.record("another key must not continue the grant")
        } catch {
            #expect((error as? GNAPClientError)?.gnapError?.code == .invalidClient)
        }
    }

    @Test func stateSurvivesARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gnapterm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock()
        let first = try await LiveServer.start(store: try ASDatabase.open(directory: directory), clock: clock)
        let client = first.grantClient()
        let flow = DeviceFlow(client: client, clock: clock)
        let response = try await client.request(
            try flow.grantRequest(access: [.photosAndDolphins], display: nil), endpoint: first.base + "/gnap")
        let approverKeyed = try await first.enrolledApprover()
        let code = try #require(response.interact?.userCode)
        let review = try await approverKeyed.enterCode(try UserCode(parsing: code))
        _ = try await approverKeyed.approve(
            grantID: review.grantID, ApprovalRequest(rights: ["0.1"], subjectFormats: []))
        await first.stop()

        let second = try await LiveServer.start(store: try ASDatabase.open(directory: directory), clock: clock)
        defer { Task { await second.stop() } }
        #expect(second.bootstrapCode == nil)
        clock.advance(by: .seconds(5))
        var continuation = try #require(response.continue)
        continuation.uri = continuation.uri.replacingOccurrences(of: first.base, with: second.base)
        let granted = try await GrantClient(transport: second.transport, key: client.client.key, clock: clock).poll(
            continuation)
        #expect(granted.accessToken?.tokens.first?.access == [.reference("dolphin-metadata")])
    }
}

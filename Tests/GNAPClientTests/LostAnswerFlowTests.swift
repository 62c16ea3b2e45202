import Foundation
import GNAP
import GNAPClient
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Synchronization
import Testing

/// The device's continuation loop rides out a lost answer: the AS committed the call, but the connection broke
/// before the answer arrived. The device repeats the call with the same continuation token and still ends
/// `granted`, with tokens that work (those of the lost answer are revoked by the AS).
@Suite("A lost continuation answer", .serialized)
struct LostAnswerFlowTests {
    /// Passes every request on to the AS, but throws away the answer to the `dropping`-th continuation call and
    /// reports a broken connection instead, as a reset after the request was sent would.
    final class LosingTransport: HTTPTransport {
        let inner: any HTTPTransport
        let dropping: Int
        private let state = Mutex<(calls: Int, lost: [UInt8]?)>((0, nil))

        init(_ inner: any HTTPTransport, dropping: Int) {
            self.inner = inner
            self.dropping = dropping
        }

        /// The body of the answer that was thrown away.
        var lostAnswer: [UInt8]? { state.withLock { $0.lost } }

        func send(_ request: HTTPRequest, body: [UInt8]) async throws(GNAPClientError) -> (HTTPResponse, [UInt8]) {
            let answer = try await inner.send(request, body: body)
            let isContinuation = request.path?.hasPrefix("/gnap/continue/") == true
            let drop = state.withLock { state -> Bool in
                guard isContinuation else { return false }
                state.calls += 1
                guard state.calls == dropping else { return false }
                state.lost = answer.1
                return true
            }
            if drop { throw .transport("connection reset by peer (\(request.path ?? ""))") }
            return answer
        }
    }

    @Test func aDeviceWhoseDeliveryWasLostEndsGrantedWithWorkingTokens() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let transport = LosingTransport(server.transport, dropping: 1)
        let client = GrantClient(transport: transport, key: .generateEd25519(keyID: "device"), clock: server.clock)
        let flow = DeviceFlow(client: client, clock: server.clock)
        let request = try flow.grantRequest(access: [.photosAndDolphins], display: ClientDisplay(name: "TV"))
        let codes = Mutex<[String]>([])
        let retries = Mutex(0)
        let device = Task {
            try await flow.run(request, endpoint: server.base + "/gnap") { event in
                switch event {
                case .interaction(let interaction): codes.withLock { $0.append(interaction.userCode ?? "") }
                case .retrying: retries.withLock { $0 += 1 }
                default: break
                }
            }
        }
        while codes.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
        let review = try await approver.enterCode(try UserCode(parsing: codes.withLock { $0[0] }))
        _ = try await approver.approve(grantID: review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
        // First poll: the AS delivers the tokens, the answer is lost. Then the retry after the backoff.
        while true {
            guard await server.waitForSleepers(timeout: .seconds(2)) else { break }
            server.clock.advance(by: .seconds(15))
            try await Task.sleep(for: .milliseconds(20))
        }
        guard case .granted(let response) = try await device.value else {
            Issue.record("the device must end granted")
            return
        }
        #expect(retries.withLock { $0 } == 1)
        let token = try #require(response.accessToken?.tokens.first)
        let now = server.clock.now
        #expect(try await server.store.accessToken(hash: Secrets.hash(token.value))?.isActive(at: now) == true)
        // The tokens of the lost answer are revoked: their values never reached the device.
        let lost = try GNAPJSON.decode(GrantResponse.self, from: try #require(transport.lostAnswer))
        let lostToken = try #require(lost.accessToken?.tokens.first)
        #expect(lostToken.value != token.value)
        #expect(try await server.store.accessToken(hash: Secrets.hash(lostToken.value))?.revokedAt != nil)
    }
}

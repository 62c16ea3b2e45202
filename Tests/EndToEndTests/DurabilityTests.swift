import Foundation
import GNAP
import GNAPClient
import GNAPStorage
import Glibc
import HTTPMessageSignatures
import Testing

extension EndToEnd {
    /// Every acknowledged write survives `kill -9` of the AS: grants created, decisions taken and tokens delivered
    /// while clients and an approver keep it busy are all in its database after the kill, and the restarted AS
    /// serves the delivered tokens.
    @Suite("durability", .timeLimit(.minutes(3)))
    struct DurabilityTests {
        static let clock = WallClock()

        static func grantRequest(_ client: GrantClient, name: String) throws -> GrantRequest {
            GrantRequest(
                accessToken: .single(
                    AccessTokenRequest(access: [.object(AccessRightObject(type: "photo-api", actions: ["read"]))])),
                client: .value(ClientInstanceValue(key: try client.clientKey(), display: ClientDisplay(name: name))),
                interact: InteractRequest(start: ["user_code"]))
        }

        /// One client that creates grants as fast as the AS answers.
        static func createGrants(_ base: String, worker: Int, writes: AcknowledgedWrites) async {
            let client = GrantClient(
                transport: AsyncHTTPTransport(), key: .generateEd25519(keyID: "creator-\(worker)"), clock: clock)
            while !writes.isStopped {
                guard let request = try? grantRequest(client, name: "Creator \(worker)"),
                    let response = try? await client.request(request, endpoint: base + "/gnap"),
                    let continuation = response.continue
                else { continue }
                writes.grant(AcknowledgedWrites.grantID(continuation))
            }
        }

        /// One client whose grants the approver approves and which then polls until it holds its token.
        static func completeGrants(
            _ base: String, worker: Int, approver: InteractionClient, writes: AcknowledgedWrites
        ) async {
            let client = GrantClient(
                transport: AsyncHTTPTransport(), key: .generateEd25519(keyID: "device-\(worker)"), clock: clock)
            while !writes.isStopped {
                do {
                    let response = try await client.request(
                        try grantRequest(client, name: "Device \(worker)"), endpoint: base + "/gnap")
                    guard var continuation = response.continue, let code = response.interact?.userCode else {
                        continue
                    }
                    let grantID = AcknowledgedWrites.grantID(continuation)
                    writes.grant(grantID)
                    let review = try await approver.enterCode(try UserCode(parsing: code))
                    _ = try await approver.approve(
                        grantID: review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
                    writes.decision(grantID)
                    while !writes.isStopped {
                        try await Task.sleep(for: .seconds(continuation.wait ?? 1))
                        let polled = try await client.poll(continuation)
                        if case .single(let token) = polled.accessToken, let manage = token.manage {
                            writes.token(AcknowledgedWrites.Token(grantID: grantID, client: client, manage: manage))
                            break
                        }
                        guard let next = polled.continue else { break }
                        continuation = next
                    }
                } catch {
                    // Refusals under load and the broken connections of the kill: only acknowledged writes count.
                }
            }
        }

        @Test func acknowledgedGrantsDecisionsAndTokensSurviveKill9UnderLoad() async throws {
            let server = try await ASProcess.start(pollInterval: 1)
            defer { server.stop() }
            var key = SigningKey.generateEd25519()
            key.keyID = try key.publicJWK().thumbprint()
            let endpoint = server.url + "/interact/v1"
            let enrolling = InteractionClient(
                transport: AsyncHTTPTransport(), key: key, endpoint: endpoint, clock: Self.clock)
            key.keyID = try await enrolling.enroll(code: server.bootstrapCode, deviceName: "durability").deviceID
            let approver = InteractionClient(
                transport: AsyncHTTPTransport(), key: key, endpoint: endpoint, clock: Self.clock)

            let writes = AcknowledgedWrites()
            let load = Task {
                await withTaskGroup(of: Void.self) { group in
                    for worker in 0..<6 {
                        group.addTask { await Self.createGrants(server.url, worker: worker, writes: writes) }
                    }
                    // At most three codes in flight for the one approver device, below its attempt limit.
                    for worker in 0..<3 {
                        group.addTask {
                            await Self.completeGrants(server.url, worker: worker, approver: approver, writes: writes)
                        }
                    }
                }
            }
            // Under load until tokens have been delivered, then killed without warning in mid-flight.
            let deadline = ContinuousClock.now.advanced(by: .seconds(60))
            while writes.tokens.count < 6 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            let pid = server.process.process.processIdentifier
            #expect(Glibc.kill(pid, SIGKILL) == 0)
            writes.stop()
            _ = try await server.process.exitStatus()
            await load.value
            let grants = writes.grants
            let decisions = writes.decisions
            let tokens = writes.tokens
            #expect(grants.count >= 20 && decisions.count >= 6 && tokens.count >= 6, "\(grants.count) grants")

            // The database after the kill, opened as the next start would open it.
            let database = try ASDatabase.open(directory: server.dataDirectory)
            for id in grants {
                #expect(try await database.grant(id: id) != nil, "acknowledged grant \(id) lost")
            }
            for id in decisions {
                let grant = try await database.grant(id: id)
                #expect(grant?.lifecycle.approval != nil, "acknowledged approval of \(id) lost")
            }
            for token in tokens {
                #expect(!(try await database.accessTokens(grantID: token.grantID)).isEmpty, "token of \(token.grantID)")
            }

            // The restarted AS serves every delivered token: each can be rotated with its management token.
            let restarted = try await server.restart()
            defer { restarted.process.stop() }
            for token in tokens {
                let rotated = try await token.client.rotateToken(token.manage)
                #expect(!rotated.value.isEmpty)
            }
        }
    }
}

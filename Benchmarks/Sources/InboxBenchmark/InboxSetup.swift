import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures

/// The bootstrap admin enrolled as the approver whose inbox fills, and the dynamic clients that ask for them: several,
/// as agents would, because `serve` caps what one client may have pending for one user (`--max-pending-async`, at
/// most 1,000).
struct InboxSetup: Sendable {
    /// How many dynamic clients share the requests (request `n` comes from client `n % clients`).
    static let clients = 8
    let server: ServeProcess
    let transport: AsyncHTTPTransport
    let interaction: InteractionClient
    let grants: [GrantClient]
    let user: SubjectIdentifier
    let clientKeys: [SigningKey]

    static func prepare(server: ServeProcess) async throws -> InboxSetup {
        // The transport `gnapterm approve` uses (its default response size limit included).
        let transport = AsyncHTTPTransport()
        var key = SigningKey.generateEd25519()
        key.keyID = try key.publicJWK().thumbprint()
        var interaction = InteractionClient(
            transport: transport, key: key, endpoint: server.url + "/interact/v1", clock: WallClock())
        let enrolled = try await interaction.enroll(code: server.bootstrapCode, deviceName: "benchmark")
        key.keyID = enrolled.deviceID
        interaction = InteractionClient(
            transport: transport, key: key, endpoint: server.url + "/interact/v1", clock: WallClock())
        let admin = AdminClient(transport: transport, key: key, server: server.url, clock: WallClock())
        guard let account = try await admin.listAccounts().first(where: { $0.username == enrolled.account.username })
        else { throw BenchmarkError("the enrolled account is not listed") }
        let clientKeys = (0..<clients).map { _ in SigningKey.generateEd25519() }
        return InboxSetup(
            server: server, transport: transport, interaction: interaction,
            grants: clientKeys.map { GrantClient(transport: transport, key: $0, clock: WallClock()) },
            user: .opaque(account.opaqueSubject), clientKeys: clientKeys)
    }

    /// One asynchronous request for the user, distinct from every other (identical ones would be merged).
    func request(_ index: Int) throws -> GrantRequest {
        GrantRequest(
            accessToken: .single(
                AccessTokenRequest(access: [
                    .object(AccessRightObject(type: "photo-api", actions: ["read"], locations: ["album-\(index)"]))
                ])),
            client: .value(
                ClientInstanceValue(
                    key: ClientKeyValue(proof: .httpsig, jwk: try clientKeys[index % Self.clients].publicJWK()),
                    display: ClientDisplay(name: "Benchmark agent"))),
            user: .value(UserValue(subIDs: [user])),
            agent: AgentDescription(name: "bench-\(index)", task: "copy album \(index)"))
    }

    /// Sends one request; returns when the AS answered it (accepted).
    func ask(_ index: Int) async throws {
        _ = try await grants[index % Self.clients].request(try request(index), endpoint: server.url + "/gnap")
    }

    /// `count` requests, eight at a time.
    func fill(_ count: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            for _ in 0..<min(8, count) {
                let index = next
                group.addTask { try await ask(index) }
                next += 1
            }
            while try await group.next() != nil {
                if next < count {
                    let index = next
                    group.addTask { try await ask(index) }
                    next += 1
                }
            }
        }
    }
}

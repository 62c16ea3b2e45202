import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// An AS with three registered clients: `release-bot` (a vetted agent that may ask asynchronously), `backup-job`
/// (standing access to `photo-api` read) and `lobby-tv` (nothing beyond interactive grants).
struct AsyncHarness {
    let harness: ASHarness
    let bot = TestClientInstance()
    let backup = TestClientInstance()
    let tv = TestClientInstance()

    init(configure: (inout ServerConfiguration) -> Void = { _ in }) async throws {
        let clients: [[String: Any]] = [
            [
                "id": "release-bot", "key": try Self.key(bot.key), "display": ["name": "Release Bot"],
                "agent": ["name": "release-bot", "operator": "Example Ops"], "asynchronous": true,
            ],
            [
                "id": "backup-job", "key": try Self.key(backup.key), "display": ["name": "Backups"],
                "standing_access": [["type": "photo-api", "actions": ["read"]]],
            ],
            ["id": "lobby-tv", "key": try Self.key(tv.key), "display": ["name": "Lobby TV"]],
        ]
        let registry = try ClientRegistry.load(
            from: Array(try JSONSerialization.data(withJSONObject: ["clients": clients] as [String: Any])))
        harness = try await ASHarness(
            configure: {
                $0.clientPolicies = registry.policies
                configure(&$0)
            },
            prepare: { store, clock in try await ClientRegistration.apply(registry, to: store, now: clock.now) })
    }

    static func key(_ key: SigningKey) throws -> [String: Any] {
        [
            "proof": "httpsig",
            "jwk": try JSONSerialization.jsonObject(with: Data(try GNAPJSON.encode(try key.publicJWK()))),
        ]
    }

    /// An asynchronous request of the registered client `id` for the user named by `subIDs` (RFC 9635 §2.4).
    static func request(
        _ id: String, for subIDs: [SubjectIdentifier]?, access: [AccessRight] = Self.rights,
        interact: InteractRequest? = nil, agent: AgentDescription? = nil
    ) -> GrantRequest {
        GrantRequest(
            accessToken: .single(AccessTokenRequest(access: access)), client: .reference(id),
            user: subIDs.map { .value(UserValue(subIDs: $0)) }, interact: interact, agent: agent)
    }

    static let rights: [AccessRight] = [
        .reference("dolphin-metadata"), .object(AccessRightObject(type: "photo-api", actions: ["read"])),
    ]

    static let alice: [SubjectIdentifier] = [.email("alice@example.com")]
}

extension ASHarness.Client {
    /// The inbox of `approver` (`GET /interact/v1/inbox`).
    func inbox(of approver: TestApprover) async throws -> InboxSnapshot {
        let reply = try await call(.get, "/interact/v1/inbox", as: approver)
        #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
        return try reply.decode(InboxSnapshot.self)
    }

    func deny(_ grantID: String, reason: String = "no", as approver: TestApprover) async throws -> Reply {
        try await call(.post, "/interact/v1/grants/\(grantID)/deny", json: DenialRequest(reason: reason), as: approver)
    }
}

extension ASHarness {
    /// Every audit event of one kind, oldest first.
    func audit(_ kind: AuditEventKind) async throws -> [AuditEvent] {
        try await store.auditEntries(AuditQuery(limit: 10_000)).map(\.event).filter { $0.kind == kind }
    }
}

extension ASHarness {
    /// Another approver terminal of the existing account `username`.
    func enrollAnother(_ client: Client, username: String) async throws -> TestApprover {
        let account = try #require(try await store.account(username: username))
        let code = EnrollmentCode.generate()
        try await store.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: Secrets.hash(code.normalized), accountID: account.id, createdAt: clock.now,
                expiresAt: clock.now.advanced(by: .seconds(60))))
        return try await TestApprover.enroll(client, code: code.display)
    }
}

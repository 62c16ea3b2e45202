import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import HTTPTypes
import NIOCore
import Testing

/// A resource server with its own key, as the RS-facing tests register and use it.
struct TestResourceServer: Sendable {
    var id: String
    var key: SigningKey

    init(id: String = "rs-\(Secrets.identifier().prefix(8))") {
        self.id = id
        var key = SigningKey.generateEd25519()
        key.keyID = try! key.publicJWK().thumbprint()
        self.key = key
    }

    var keyValue: ClientKeyValue { ClientKeyValue(proof: .httpsig, jwk: try! key.publicJWK()) }
    var binding: ClientKeyBinding { try! ClientKeyBinding(keyValue) }
    var byValue: ResourceServerIdentification { .value(ResourceServerKey(key: keyValue)) }
    var byReference: ResourceServerIdentification { .reference(id) }

    /// The operator's registry entry for this RS.
    func record(
        types: [String], locations: [String] = [], references: [String] = [], name: String = "Test RS",
        at now: WallInstant
    ) -> ResourceServerRecord {
        ResourceServerRecord(
            id: id, key: binding, displayName: name, accessTypes: types, locations: locations, references: references,
            registered: true, createdAt: now)
    }
}

extension ASHarness {
    /// An AS whose operator pre-registered `servers` (a closure of the clock, for their creation time).
    init(
        servers: @escaping @Sendable (WallInstant) -> [ResourceServerRecord],
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws {
        try await self.init(configure: configure) { store, clock in
            try await ResourceServerRegistration.apply(
                ResourceServerRegistry(entries: servers(clock.now)), to: store, now: clock.now)
        }
    }

    /// A grant for `access` approved (only `rights`, "token.right") by the bootstrap admin, and the tokens the client
    /// then picked up.
    func approvedGrant(
        _ client: Client, access: [AccessRight], rights: [String]? = nil, subjectFormats: [String] = [],
        instance: TestClientInstance = TestClientInstance()
    ) async throws -> (grant: TestGrant, tokens: [AccessTokenResponse]) {
        var request = try instance.request(access: access)
        if subjectFormats.isEmpty { request.subject = nil }
        var grant = try await TestGrant.start(client, instance: instance, request: request)
        let approver = try await TestApprover.enroll(client, code: try await adminEnrollmentCode())
        try await approver.approve(
            client, code: grant.userCode, rights: rights ?? access.indices.map { "0.\($0)" },
            subjectFormats: subjectFormats)
        // §5: a poll before `wait` elapsed is `too_fast`.
        clock.advance(by: .seconds(grant.continuation.wait ?? 5))
        let reply = try await grant.poll(client)
        try #require(reply.status == .ok, "tokens not issued: \(String(describing: reply.error))")
        return (grant, reply.tokens)
    }
}

extension ASHarness.Client {
    /// Introspects `token` as `server` (RFC 9767 §3.3), identified by reference unless `byValue`.
    func introspect(
        _ token: String, as server: TestResourceServer, proof: String? = "httpsig", access: [AccessRight]? = nil,
        byValue: Bool = false
    ) async throws -> Reply {
        let request = TokenIntrospectionRequest(
            accessToken: token, proof: proof, resourceServer: byValue ? server.byValue : server.byReference,
            access: access)
        return try await send(.post, "/gnap/introspect", json: request, key: server.key)
    }

    /// Registers `access` as a resource set (RFC 9767 §3.4) as `server`.
    func registerSet(
        _ access: [AccessRight], as server: TestResourceServer, byValue: Bool = false, formats: [String]? = nil
    ) async throws -> Reply {
        let request = ResourceSetRegistrationRequest(
            access: access, resourceServer: byValue ? server.byValue : server.byReference,
            tokenFormatsSupported: formats)
        return try await send(.post, "/gnap/resource", json: request, key: server.key)
    }
}

extension ASHarness.Client.Reply {
    /// The introspection answer.
    var introspection: TokenIntrospectionResponse? { try? decode(TokenIntrospectionResponse.self) }
    /// The RS-facing error (§3.5).
    var rsError: GNAPError? { try? decode(GNAPErrorResponse.self).error }
    /// The body as a JSON object.
    var object: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }
}

/// Access rights the RS-facing tests use.
enum TestRights {
    static let notesLocation = "https://notes.test/notes"
    static let notesRead = AccessRight.object(
        AccessRightObject(type: "notes", actions: ["read"], locations: [notesLocation]))
    static let notesWrite = AccessRight.object(
        AccessRightObject(type: "notes", actions: ["write"], locations: [notesLocation]))
    static let photos = AccessRight.object(
        AccessRightObject(type: "photo-api", actions: ["read"], locations: ["https://photos.test/"]))
    static let calendar = AccessRight.object(AccessRightObject(type: "calendar", actions: ["read"]))
}

extension ASHarness.Client {
    /// Sends a request exactly as captured (for replays): these header fields and this content, nothing signed.
    func sendVerbatim(_ method: HTTPRequest.Method, _ path: String, fields: [(String, String)], body: [UInt8])
        async throws -> Reply
    {
        var headers = HTTPFields()
        for (name, value) in fields { headers.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.isEmpty ? nil : ByteBuffer(bytes: body))
        return Reply(status: response.status, headers: response.headers, body: Array(response.body.readableBytesView))
    }
}

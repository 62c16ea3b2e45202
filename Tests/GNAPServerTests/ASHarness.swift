import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// An AS behind Hummingbird's in-process router test client, with a manual clock and helpers to sign requests the
/// way real clients and approver terminals do.
struct ASHarness {
    static let base = "http://as.test"
    let store: any ASStore
    let clock: ManualClock
    let server: AuthorizationServer
    let bootstrap: Bootstrap.Result
    /// Records `push` interaction finishes instead of sending them.
    let pushes: RecordingPushTransport

    /// `serving` lets a test put a wrapper (such as a `RendezvousStore`) between the server and the store's grants.
    /// Without `store`, a fresh in-memory SQLite store is bootstrapped; `shared` makes another instance on a store
    /// that an earlier harness bootstrapped (same clock, same bootstrap code).
    init(
        store: (any ASStore)? = nil, coordination: any InstanceCoordination = SingleInstance(),
        shared: ASHarness? = nil, maximumBodySize: Int = 65_536,
        pushes: RecordingPushTransport = RecordingPushTransport(),
        configure: (inout ServerConfiguration) -> Void = { _ in },
        prepare: (any ASStore, ManualClock) async throws -> Void = { _, _ in },
        serving: (any ASStore) -> any GrantStore = { $0 }, logger: Logger = Logger(label: "gnapterm.as.test")
    ) async throws {
        let store = try store ?? ASDatabase.inMemory()
        self.store = store
        clock = shared?.clock ?? ManualClock()
        if let shared {
            bootstrap = shared.bootstrap
        } else {
            bootstrap = try await Bootstrap.runIfNeeded(store: store, now: clock.now, lifetime: .seconds(3600))!
        }
        try await prepare(store, clock)
        var configuration = ServerConfiguration(publicURL: Self.base)
        configuration.limits.maximumBodySize = maximumBodySize
        configure(&configuration)
        self.pushes = pushes
        var stores = ASStores(store, coordination: coordination)
        stores.grants = serving(store)
        server = AuthorizationServer(
            stores: stores, secrets: try await ServerSecrets.load(from: store), configuration: configuration,
            clock: clock, logger: logger, pushTransport: pushes)
    }

    /// How many rows each table holds, on either backend: what a test compares before and after requests that must
    /// write nothing.
    func rowCounts() async throws -> [ASTable: Int] {
        try await #require(store as? any ASStoreTransfer).tableCounts()
    }

    /// ``rowCounts()`` without the replay cache: a request whose signature verified leaves its nonce there even when
    /// it is refused afterwards (so that it cannot be replayed), which is what a test of authenticated refusals
    /// compares.
    func rowCountsBesideNonces() async throws -> [ASTable: Int] {
        var counts = try await rowCounts()
        counts[.signatureNonces] = nil
        return counts
    }

    func run<T: Sendable>(_ body: @Sendable (Client) async throws -> T) async throws -> T {
        let app = Application(router: server.router())
        return try await app.test(.router) { client in try await body(Client(client: client, clock: clock)) }
    }

    struct Client: Sendable {
        let client: any TestClientProtocol
        let clock: ManualClock

        struct Reply: Sendable {
            var status: HTTPResponse.Status
            var headers: HTTPFields
            var body: [UInt8]
            var error: GNAPError? { try? GNAPJSON.decode(GrantResponse.self, from: body).error }
            func decode<T: Decodable>(_ type: T.Type) throws -> T { try GNAPJSON.decode(type, from: body) }
        }

        /// Sends `content` to `path`; signs it with `key` under `profile` unless `key` is nil. `signedURL` lets a
        /// test sign for a different target than the one the request is sent to.
        func send(
            _ method: HTTPRequest.Method, _ path: String, content: [UInt8] = [], key: SigningKey? = nil,
            profile: SignatureProfile = .gnap, token: String? = nil, signedURL: String? = nil,
            digest: DigestAlgorithm = .sha256, rotatingTo newKey: SigningKey? = nil,
            contentType: String? = "application/json",
            tamper: (inout HTTPRequest, inout [UInt8]) -> Void = { _, _ in }
        ) async throws -> Reply {
            var request = HTTPRequest(method: method, url: URL(string: signedURL ?? (ASHarness.base + path))!)
            if !content.isEmpty, let contentType { request.headerFields[.contentType] = contentType }
            if let token { request.headerFields[.authorization] = "GNAP \(token)" }
            if let key, let newKey {
                // §7.3.1.1: signed by the current key, then by the new one with tag gnap-rotate.
                try profile.signRotation(
                    &request, content: content, oldKey: key, newKey: newKey, digest: digest, now: clock.now)
            } else if let key {
                try profile.sign(&request, content: content, key: key, digest: digest, now: clock.now)
            }
            var body = content
            tamper(&request, &body)
            let response = try await client.execute(
                uri: path, method: method, headers: request.headerFields,
                body: body.isEmpty ? nil : ByteBuffer(bytes: body))
            return Reply(
                status: response.status, headers: response.headers, body: Array(response.body.readableBytesView))
        }

        func send(
            _ method: HTTPRequest.Method, _ path: String, json: some Encodable, key: SigningKey?,
            profile: SignatureProfile = .gnap, token: String? = nil
        ) async throws -> Reply {
            try await send(method, path, content: try GNAPJSON.encode(json), key: key, profile: profile, token: token)
        }
    }
}

/// A client key and a grant request that uses it.
struct TestClientInstance {
    var key = SigningKey.generateEd25519()

    init() { key.keyID = try! key.publicJWK().thumbprint() }

    func request(
        access: [AccessRight] = [
            .reference("dolphin-metadata"), .object(AccessRightObject(type: "photo-api", actions: ["read"])),
        ],
        flags: [String]? = nil
    ) throws -> GrantRequest {
        GrantRequest(
            accessToken: .single(AccessTokenRequest(access: access, flags: flags)),
            subject: SubjectRequest(subIDFormats: ["opaque"]),
            client: .value(
                ClientInstanceValue(
                    key: ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK()), display: ClientDisplay(name: "TV"))),
            interact: InteractRequest(start: ["user_code", "user_code_uri"]))
    }
}

/// An enrolled approver device.
struct TestApprover {
    var key: SigningKey

    static func enroll(_ client: ASHarness.Client, code: String) async throws -> TestApprover {
        var key = SigningKey.generateEd25519()
        key.keyID = try key.publicJWK().thumbprint()
        let reply = try await client.send(
            .post, "/interact/v1/enroll",
            json: EnrollmentRequest(code: code, deviceName: "laptop", jwk: try key.publicJWK()), key: key,
            profile: .approverAPI)
        let enrollment = try reply.decode(EnrollmentResponse.self)
        key.keyID = enrollment.deviceID
        return TestApprover(key: key)
    }
}

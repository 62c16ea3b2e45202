import Foundation
import GNAP
import GNAPResourceServer
import HTTPMessageSignatures
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A small notes API behind ``GNAPAccessMiddleware``, driven in process with `app.test(.router)`, an introspection
/// double and a manual clock. Clients sign like RFC 9635 §7.3.1 clients do.
struct RSHarness {
    static let asURI = "https://as.example/gnap"
    static let publicURL = "https://rs.example"
    static let notesRead = AccessRequirement.access(type: "notes", actions: ["read"], challengeReference: "notes-ref")
    static let notesWrite = AccessRequirement.access(type: "notes", actions: ["write"])

    let clock = ManualClock()
    let introspector = IntrospectorDouble()
    let gate: ResourceServerGate

    init(
        structuredKeys: (any VerificationKeySource)? = nil,
        configure: (inout ResourceServerConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = ResourceServerConfiguration(asURI: Self.asURI, publicURL: Self.publicURL)
        configure(&configuration)
        gate = try ResourceServerGate(
            configuration: configuration, introspector: introspector, structuredKeys: structuredKeys, clock: clock)
    }

    /// An introspection answer for a token bound to `key`, valid for an hour from the clock's now.
    func boundToken(
        _ key: SigningKey, access: [AccessRight] = [.object(AccessRightObject(type: "notes", actions: ["read"]))],
        lifetime: Int64 = 3600
    ) throws -> IntrospectedToken {
        IntrospectedToken(
            access: access, key: .value(ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK())),
            exp: clock.now.unixSeconds + lifetime, iat: clock.now.unixSeconds, sub: "alice", iss: Self.asURI,
            instanceID: "device-1")
    }

    func router() -> Router<BasicGNAPRequestContext> {
        let router = Router(context: BasicGNAPRequestContext.self)
        router.group("notes").add(middleware: gate.middleware(requiring: Self.notesRead))
            .get { _, context in
                let authorization = try context.requireGNAPAuthorization()
                return "read by \(authorization.subject ?? "?") with \(authorization.keyThumbprint ?? "bearer")"
            }
        router.group("notes").add(middleware: gate.middleware(requiring: Self.notesWrite))
            .post { request, _ in
                // The middleware collected the content to check its digest; the handler reads it again.
                let content = try await request.body.collect(upTo: 1 << 16)
                return "stored \(content.readableBytes) bytes"
            }
        // The requirement depends on the matched path: one note by its identifier.
        router.group("notes/{id}")
            .add(
                middleware: gate.middleware { _, context in
                    .access(type: "notes", actions: ["read"], identifier: context.parameters.get("id"))
                }
            )
            .get { _, context in "note \(context.parameters.get("id") ?? "")" }
        router.get("public") { _, _ in "open" }
        return router
    }

    func run<T: Sendable>(_ body: @Sendable (Client) async throws -> T) async throws -> T {
        try await Application(router: router()).test(.router) { client in
            try await body(Client(client: client, clock: clock))
        }
    }

    struct Client: Sendable {
        let client: any TestClientProtocol
        let clock: ManualClock

        struct Reply: Sendable {
            var status: HTTPResponse.Status
            var headers: HTTPFields
            var body: String
            var error: GNAPError? {
                try? GNAPJSON.decode(GNAPErrorResponse.self, from: Array(body.utf8)).error
            }
            var challenge: GNAPChallenge? { headers[.wwwAuthenticate].flatMap(GNAPChallenge.init(fieldValue:)) }
        }

        /// The status of a signed `GET /notes` presenting `token` with the GNAP scheme.
        func status(_ token: String, _ key: SigningKey) async throws -> HTTPResponse.Status {
            try await send(authorization: .gnap(token), key: key).status
        }

        /// Sends a request presenting `authorization` (e.g. `.gnap(token)`), signed by `key` unless it is nil;
        /// `prepare` can change the request after signing (to tamper with it), `sentTo` the path it goes to.
        func send(
            _ method: HTTPRequest.Method = .get, _ path: String = "/notes", content: [UInt8] = [],
            authorization: AccessTokenPresentation? = nil, key: SigningKey? = nil,
            profile: SignatureProfile = .gnap, nonce: String = Secrets.identifier(), sentTo: String? = nil,
            prepare: (inout HTTPRequest, inout [UInt8]) -> Void = { _, _ in }
        ) async throws -> Reply {
            var request = HTTPRequest(method: method, url: URL(string: RSHarness.publicURL + path)!)
            if let authorization { request.headerFields[.authorization] = authorization.fieldValue }
            if !content.isEmpty { request.headerFields[.contentType] = "application/json" }
            if let key { try profile.sign(&request, content: content, key: key, now: clock.now, nonce: nonce) }
            var body = content
            prepare(&request, &body)
            let response = try await client.execute(
                uri: sentTo ?? path, method: method, headers: request.headerFields,
                body: body.isEmpty ? nil : ByteBuffer(bytes: body))
            return Reply(
                status: response.status, headers: response.headers,
                body: String(buffer: response.body))
        }
    }
}

extension SigningKey {
    /// An Ed25519 client key whose `kid` is its thumbprint, as gnapterm clients make them.
    static func clientKey() -> SigningKey {
        var key = SigningKey.generateEd25519()
        key.keyID = try! key.publicJWK().thumbprint()
        return key
    }
}

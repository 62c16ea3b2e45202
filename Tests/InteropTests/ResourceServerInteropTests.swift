import Foundation
import GNAP
import GNAPClient
import GNAPResourceServer
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Logging
import ReferenceResourceServer
import Testing

/// RFC 9767 against independent implementations: joserfc verifies the AS's `jwt-signed` token with the published
/// JWK Set, and the Python library http-message-signatures signs a request with a token's key and calls the
/// reference notes RS, which accepts it.
@Suite("The AS's tokens and the reference RS with independent libraries", .timeLimit(.minutes(2)))
struct ResourceServerInteropTests {
    /// A live AS (jwt-signed tokens) and the notes RS on loopback, with the wall clock Python signs with.
    struct Stack {
        let asBase: String
        let notes: NotesServer.Ready
        let bootstrap: EnrollmentCode
        let tasks: [Task<Void, any Error>]

        static func start() async throws -> Stack {
            let clock = WallClock()
            let store = try ASDatabase.inMemory()
            let notesStore = try NotesDatabase.inMemory()
            let rsKey = try await notesStore.signingKey()
            try await ResourceServerRegistration.apply(
                ResourceServerRegistry(entries: [
                    ResourceServerRecord(
                        id: "notes",
                        key: try ClientKeyBinding(ClientKeyValue(proof: .httpsig, jwk: try rsKey.publicJWK())),
                        displayName: "Notes", accessTypes: ["notes"], registered: true, createdAt: clock.now)
                ]), to: store, now: clock.now)
            let bootstrap = try #require(
                try await Bootstrap.runIfNeeded(store: store, now: clock.now, lifetime: .seconds(3600)))
            var configuration = ServerConfiguration(port: 0, pollInterval: 1)
            configuration.resourceServers.tokenFormat = TokenFormat.jwtSigned
            let server = AuthorizationServer(
                stores: ASStores(store), secrets: try await ServerSecrets.load(from: store),
                configuration: configuration, clock: clock)
            let (bases, base) = AsyncStream.makeStream(of: String.self)
            let application = server.application { base.yield($0) }
            let asTask = Task { try await application.run() }
            var iterator = bases.makeAsyncIterator()
            let asBase = try #require(await iterator.next())
            let rs = NotesServer(
                configuration: NotesServerConfiguration(asBase: asBase, port: 0), store: notesStore, clock: clock,
                logger: Logger(label: "interop.rs") { _ in SwiftLogNoOpLogHandler() })
            let (readies, ready) = AsyncStream.makeStream(of: NotesServer.Ready.self)
            let rsTask = Task {
                defer { ready.finish() }
                try await rs.run { ready.yield($0) }
            }
            var readyIterator = readies.makeAsyncIterator()
            let notes = try #require(await readyIterator.next())
            return Stack(asBase: asBase, notes: notes, bootstrap: bootstrap.code, tasks: [asTask, rsTask])
        }

        func stop() async {
            for task in tasks.reversed() {
                task.cancel()
                _ = try? await task.value
            }
        }

        /// A token for the notes (reading only) bound to `key`, approved by the bootstrap admin.
        func token(for key: SigningKey) async throws -> String {
            let transport = AsyncHTTPTransport()
            let clock = WallClock()
            let client = GrantClient(transport: transport, key: key, clock: clock)
            let response = try await client.request(
                GrantRequest(
                    accessToken: .single(AccessTokenRequest(access: [.reference(notes.resourceReference)])),
                    client: .value(ClientInstanceValue(key: try client.clientKey())),
                    interact: InteractRequest(start: ["user_code"])),
                endpoint: asBase + "/gnap")
            var approverKey = SigningKey.generateEd25519()
            approverKey.keyID = try approverKey.publicJWK().thumbprint()
            let endpoint = asBase + "/interact/v1"
            let enrollment = try await InteractionClient(
                transport: transport, key: approverKey, endpoint: endpoint, clock: clock
            ).enroll(code: bootstrap.display, deviceName: "interop")
            approverKey.keyID = enrollment.deviceID
            let approver = InteractionClient(transport: transport, key: approverKey, endpoint: endpoint, clock: clock)
            let review = try await approver.enterCode(try UserCode(parsing: try #require(response.interact?.userCode)))
            _ = try await approver.approve(
                grantID: review.grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
            try await Task.sleep(for: .milliseconds(1100))
            let granted = try await client.poll(try #require(response.continue))
            return try #require(granted.accessToken?.tokens.first?.value)
        }
    }

    struct JWTCase: Encodable {
        var compact: String
        var jwks: JWKSet
        var alg: String
        var iss: String
        var aud: String
        var now: Int64
    }

    struct JWTVerified: Decodable {
        var claims: [String: JOSEHelper.AnyJSON]
    }

    struct CallAnswer: Decodable {
        var status: Int
        var body: String
    }

    @Test func joserfcVerifiesTheASsJWTAndThePythonLibraryCallsTheRS() async throws {
        let stack = try await Stack.start()
        let key = try InteropKey.make(.ed25519)
        let token = try await stack.token(for: key.signingKey)

        // joserfc's jwt module: the signature with the published key set, then iss, aud, exp and iat.
        let keySet = try await RemoteJWKSetSource(url: stack.asBase + "/.well-known/jwks.json", clock: WallClock())
            .keys(refresh: false)
        let verified = try JOSEHelper.decode(
            JWTVerified.self,
            JOSEHelper.run(
                "jwt",
                JWTCase(
                    compact: token, jwks: JWKSet(keys: keySet), alg: "ES256", iss: stack.asBase + "/gnap",
                    aud: stack.notes.base, now: WallClock().now.unixSeconds)))
        #expect(verified.claims["iss"] == .string(stack.asBase + "/gnap"))
        #expect(verified.claims["jti"] != nil)
        // A tampered token is refused by joserfc too.
        var tampered = Array(token)
        tampered[tampered.count - 5] = tampered[tampered.count - 5] == "A" ? "B" : "A"
        let refused = try JOSEHelper.run(
            "jwt",
            JWTCase(
                compact: String(tampered), jwks: JWKSet(keys: keySet), alg: "ES256", iss: stack.asBase + "/gnap",
                aud: stack.notes.base, now: WallClock().now.unixSeconds))
        #expect(refused.status == 1)

        // http-message-signatures signs GET /notes with the token's key (RFC 9635 §7.3.1) and sends it.
        let url = stack.notes.base + "/notes"
        func call(presenting value: String) throws -> CallAnswer {
            let output = try PythonHelper.run(
                .call,
                InteropCase(
                    method: "GET", url: url, headers: [["Authorization", "GNAP " + value]], algorithm: "ed25519",
                    key: key.pythonPrivate, keyid: key.keyID, label: "sig1",
                    coveredComponents: ["@method", "@target-uri", "authorization"],
                    created: WallClock().now.unixSeconds, nonce: Secrets.identifier(), tag: "gnap"))
            #expect(output.status == 0, "\(output.stderr)")
            return try PythonHelper.decode(CallAnswer.self, from: output)
        }
        let answer = try call(presenting: token)
        #expect(answer.status == 200)
        #expect(answer.body == #"{"notes":[]}"#)
        // The same library presenting the token with another key is refused: the proof binds the token.
        let stranger = try InteropKey.make(.ed25519)
        let output = try PythonHelper.run(
            .call,
            InteropCase(
                method: "GET", url: url, headers: [["Authorization", "GNAP " + token]], algorithm: "ed25519",
                key: stranger.pythonPrivate, keyid: key.keyID, label: "sig1",
                coveredComponents: ["@method", "@target-uri", "authorization"],
                created: WallClock().now.unixSeconds, nonce: Secrets.identifier(), tag: "gnap"))
        #expect(try PythonHelper.decode(CallAnswer.self, from: output).status == 401)
        await stack.stop()
    }
}

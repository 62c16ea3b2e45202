import ChildProcessTestSupport
import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Logging
import ReferenceResourceServer
import ServerTLS
import Testing

/// A real AS and the reference notes RS on 127.0.0.1 (free ports), sharing a manual clock with the clients under
/// test. The RS is pre-registered with the AS under a vetted name and registered its notes set on start. With a
/// certificate both serve HTTPS with it (it names localhost and 127.0.0.1) and ask clients for certificates, and
/// ``transport`` trusts it.
struct LiveStack {
    let asBase: String
    let store: ASDatabase
    let clock: ManualClock
    let bootstrapCode: EnrollmentCode
    let notes: NotesServer.Ready
    let notesStore: NotesDatabase
    let tasks: [Task<Void, any Error>]
    /// A transport to the AS and the RS (trusting the certificate over TLS).
    let transport: AsyncHTTPTransport

    static func start(
        revalidationInterval: Duration = .seconds(30), tls certificate: OpenSSLCertificate? = nil,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> LiveStack {
        let holder = try certificate.map {
            try TLSContextHolder(
                ServerTLSSettings(files: TLSFiles(certificateChain: $0.certificatePath, privateKey: $0.keyPath)))
        }
        let transport = AsyncHTTPTransport(
            tls: try certificate.map { try ClientTLS(trustedCAFile: $0.certificatePath) })
        let clock = ManualClock()
        let store = try ASDatabase.inMemory()
        let notesStore = try NotesDatabase.inMemory()
        let rsKey = try await notesStore.signingKey()
        try await ResourceServerRegistration.apply(
            ResourceServerRegistry(entries: [
                ResourceServerRecord(
                    id: "notes", key: try ClientKeyBinding(ClientKeyValue(proof: .httpsig, jwk: try rsKey.publicJWK())),
                    displayName: "Notes", accessTypes: ["notes"], registered: true, createdAt: clock.now)
            ]), to: store, now: clock.now)
        let bootstrap = try #require(
            try await Bootstrap.runIfNeeded(store: store, now: clock.now, lifetime: .seconds(3600)))
        var configuration = ServerConfiguration(port: 0)
        configure(&configuration)
        let server = AuthorizationServer(
            stores: ASStores(store), secrets: try await ServerSecrets.load(from: store), configuration: configuration,
            clock: clock, tls: holder)
        let (bases, base) = AsyncStream.makeStream(of: String.self)
        let application = server.application { base.yield($0) }
        let asTask = Task { try await application.run() }
        var baseIterator = bases.makeAsyncIterator()
        let asBase = try #require(await baseIterator.next())

        let quiet = Logger(label: "test.rs") { _ in SwiftLogNoOpLogHandler() }
        let rs = NotesServer(
            configuration: NotesServerConfiguration(
                asBase: asBase, port: 0, revalidationInterval: revalidationInterval, tls: holder),
            store: notesStore, transport: transport, clock: clock, logger: quiet)
        let (readies, ready) = AsyncStream.makeStream(of: NotesServer.Ready.self)
        let rsTask = Task {
            defer { ready.finish() }
            try await rs.run { ready.yield($0) }
        }
        var readyIterator = readies.makeAsyncIterator()
        guard let notes = await readyIterator.next() else {
            asTask.cancel()
            try await rsTask.value
            throw NotesServerError.stoppedBeforeReady
        }
        return LiveStack(
            asBase: asBase, store: store, clock: clock, bootstrapCode: bootstrap.code, notes: notes,
            notesStore: notesStore, tasks: [asTask, rsTask], transport: transport)
    }

    func stop() async {
        for task in tasks.reversed() {
            task.cancel()
            _ = try? await task.value
        }
    }

    var notesURL: String { notes.base + "/notes" }

    /// A fresh client key whose `kid` is its thumbprint.
    static func clientKey() -> SigningKey {
        var key = SigningKey.generateEd25519()
        key.keyID = try! key.publicJWK().thumbprint()
        return key
    }

    func enrolledApprover() async throws -> InteractionClient {
        var key = SigningKey.generateEd25519()
        key.keyID = try key.publicJWK().thumbprint()
        let endpoint = asBase + "/interact/v1"
        let enrolling = InteractionClient(transport: transport, key: key, endpoint: endpoint, clock: clock)
        let enrollment = try await enrolling.enroll(code: bootstrapCode.display, deviceName: "test terminal")
        key.keyID = enrollment.deviceID
        return InteractionClient(transport: transport, key: key, endpoint: endpoint, clock: clock)
    }

    /// A grant for `access` from a client with `key`, approved by the bootstrap admin for `rights` only, and the
    /// tokens the client picked up.
    func grant(access: [AccessRight], approving rights: [String], key: SigningKey) async throws -> [AccessTokenResponse]
    {
        let client = GrantClient(transport: transport, key: key, clock: clock)
        let response = try await client.request(
            GrantRequest(
                accessToken: .single(AccessTokenRequest(access: access)),
                client: .value(ClientInstanceValue(key: try client.clientKey(), display: ClientDisplay(name: "test"))),
                interact: InteractRequest(start: ["user_code"])),
            endpoint: asBase + "/gnap")
        let approver = try await enrolledApprover()
        let code = try UserCode(parsing: try #require(response.interact?.userCode))
        let review = try await approver.enterCode(code)
        _ = try await approver.approve(grantID: review.grantID, ApprovalRequest(rights: rights, subjectFormats: []))
        clock.advance(by: .seconds(5))
        let tokens = try await client.poll(try #require(response.continue)).accessToken?.tokens ?? []
        return tokens
    }
}

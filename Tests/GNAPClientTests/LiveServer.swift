import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Hummingbird

/// A real AS on 127.0.0.1 with a free port, over an in-memory (or on-disk) store, sharing a manual clock with the
/// clients under test so waits and expiry are instant and deterministic.
struct LiveServer {
    let base: String
    let store: ASDatabase
    let clock: ManualClock
    let bootstrapCode: EnrollmentCode?
    let task: Task<Void, any Error>

    /// `grants` lets a test put a wrapper (such as a `RendezvousStore`) between the server and the store's grants.
    static func start(
        store: ASDatabase? = nil, clock: ManualClock = ManualClock(), pollInterval: Int = 5,
        configure: (inout ServerConfiguration) -> Void = { _ in }, grants: (ASDatabase) -> any GrantStore = { $0 }
    ) async throws -> LiveServer {
        let store = try store ?? ASDatabase.inMemory()
        let bootstrap = try await Bootstrap.runIfNeeded(store: store, now: clock.now, lifetime: .seconds(3600))
        var configuration = ServerConfiguration(port: 0, pollInterval: pollInterval)
        configure(&configuration)
        var stores = ASStores(store)
        stores.grants = grants(store)
        let server = AuthorizationServer(
            stores: stores, secrets: try await ServerSecrets.load(from: store), configuration: configuration,
            clock: clock)
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let application = server.application { base in continuation.yield(base) }
        let task = Task { try await application.run() }
        var base: String?
        for await url in stream {
            base = url
            break
        }
        return LiveServer(base: base!, store: store, clock: clock, bootstrapCode: bootstrap?.code, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    var transport: AsyncHTTPTransport { AsyncHTTPTransport() }

    func grantClient(key: SigningKey = .generateEd25519(keyID: "device")) -> GrantClient {
        GrantClient(transport: transport, key: key, clock: clock)
    }

    /// Enrolls a fresh approver device for the bootstrap admin and returns its client.
    func enrolledApprover() async throws -> InteractionClient {
        var key = SigningKey.generateEd25519()
        key.keyID = try key.publicJWK().thumbprint()
        let enrolling = InteractionClient(transport: transport, key: key, endpoint: base + "/interact/v1", clock: clock)
        let enrollment = try await enrolling.enroll(code: bootstrapCode!.display, deviceName: "test terminal")
        key.keyID = enrollment.deviceID
        return InteractionClient(transport: transport, key: key, endpoint: base + "/interact/v1", clock: clock)
    }

    /// Enrolls with a new code for a new account.
    func enrolledApprover(username: String) async throws -> InteractionClient {
        let account = Account(
            id: Secrets.identifier(), username: username, displayName: username, role: .user,
            opaqueSubject: Secrets.identifier(), email: "\(username)@example.com", createdAt: clock.now)
        try await store.insertAccount(account)
        let code = EnrollmentCode.generate()
        try await store.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: Secrets.hash(code.normalized), accountID: account.id, createdAt: clock.now,
                expiresAt: clock.now.advanced(by: .seconds(600))))
        var key = SigningKey.generateEd25519()
        key.keyID = try key.publicJWK().thumbprint()
        let enrolling = InteractionClient(transport: transport, key: key, endpoint: base + "/interact/v1", clock: clock)
        let enrollment = try await enrolling.enroll(code: code.display, deviceName: username)
        key.keyID = enrollment.deviceID
        return InteractionClient(transport: transport, key: key, endpoint: base + "/interact/v1", clock: clock)
    }

    /// Waits until a task sleeps on the manual clock (a polling loop is waiting for its next call); false if none
    /// does within the timeout (the loop has finished).
    @discardableResult
    func waitForSleepers(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while clock.sleeperCount == 0 {
            if ContinuousClock.now > deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }
}

extension AccessTokenRequest {
    static let photosAndDolphins = AccessTokenRequest(access: [
        .object(
            AccessRightObject(type: "photo-api", actions: ["read", "write"], locations: ["https://photos.example"])),
        .reference("dolphin-metadata"),
        .object(AccessRightObject(type: "calendar", actions: ["read"])),
    ])
}

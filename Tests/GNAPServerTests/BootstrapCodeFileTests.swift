import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Hummingbird
import HummingbirdTesting
import Testing

/// The bootstrap enrollment code's file lives only as long as its code can be used.
@Suite("Bootstrap code file")
struct BootstrapCodeFileTests {
    struct Setup {
        let directory: URL
        let store: ASDatabase
        let clock = ManualClock()
        let file: BootstrapCodeFile
        let bootstrap: Bootstrap.Result

        init() async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("gnapterm-boot-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try ASDatabase.inMemory()
            file = BootstrapCodeFile(directory: directory)
            bootstrap = try await Bootstrap.runIfNeeded(store: store, now: clock.now, lifetime: .seconds(3600))!
            try file.write(bootstrap)
        }

        var exists: Bool { FileManager.default.fileExists(atPath: file.url.path) }

        func server() async throws -> AuthorizationServer {
            AuthorizationServer(
                stores: ASStores(store), secrets: try await ServerSecrets.load(from: store),
                configuration: ServerConfiguration(publicURL: ASHarness.base), clock: clock, bootstrapCodeFile: file)
        }

        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test func theFileIsWrittenOwnerOnlyAndRemovedWhenTheCodeIsRedeemed() async throws {
        let setup = try await Setup()
        defer { setup.cleanUp() }
        let attributes = try FileManager.default.attributesOfItem(atPath: setup.file.url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let server = try await setup.server()
        try await Application(router: server.router()).test(.router) { client in
            var key = SigningKey.generateEd25519()
            key.keyID = try key.publicJWK().thumbprint()
            let harness = ASHarness.Client(client: client, clock: setup.clock)
            let reply = try await harness.send(
                .post, "/interact/v1/enroll",
                json: EnrollmentRequest(
                    code: setup.bootstrap.code.display, deviceName: "laptop", jwk: try key.publicJWK()),
                key: key, profile: .approverAPI)
            #expect(reply.status == .created)
        }
        #expect(!setup.exists)
        // A later start finds no file and says nothing.
        #expect(try await setup.file.reconcile(store: setup.store, now: setup.clock.now) == nil)
    }

    @Test func theExpirySweepRemovesTheFileOnceTheCodeExpired() async throws {
        let setup = try await Setup()
        defer { setup.cleanUp() }
        let expiry = try await setup.server().expiryService()
        try await expiry.sweep()
        #expect(setup.exists)
        setup.clock.advance(by: .seconds(3600))
        try await expiry.sweep()
        #expect(!setup.exists)
    }

    @Test func aLaterStartKeepsTheFileOnlyWhileItsCodeIsUnusedAndValid() async throws {
        let setup = try await Setup()
        defer { setup.cleanUp() }
        let restarted = BootstrapCodeFile(directory: setup.directory)
        #expect(try await restarted.reconcile(store: setup.store, now: setup.clock.now) == setup.bootstrap.expiresAt)
        #expect(setup.exists)
        // Expired meanwhile (the AS was down when it expired): removed at start-up.
        let later = setup.clock.now.advanced(by: .seconds(3601))
        #expect(try await restarted.reconcile(store: setup.store, now: later) == nil)
        #expect(!setup.exists)
    }

    @Test func aFileWhoseCodeWasUsedWhileTheASWasDownIsRemovedAtStartUp() async throws {
        let setup = try await Setup()
        defer { setup.cleanUp() }
        _ = try await setup.store.redeemEnrollmentCode(
            hash: Secrets.hash(setup.bootstrap.code.normalized), at: setup.clock.now)
        let restarted = BootstrapCodeFile(directory: setup.directory)
        #expect(try await restarted.reconcile(store: setup.store, now: setup.clock.now) == nil)
        #expect(!setup.exists)
    }
}

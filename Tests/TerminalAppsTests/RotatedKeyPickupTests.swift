import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import HTTPTypes
import Synchronization
import TerminalSession
import TerminalStorage
import Testing

/// A running approver whose key was rotated in another terminal (same home): the AS refuses the old key as an unknown
/// device, and the approver picks the new key up from the store and repeats the call.
@Suite struct RotatedKeyPickupTests {
    static let server = "http://as.test"

    /// An AS that refuses some device ids (revoked) and answers every other signed call with the review.
    final class StandInAS: HTTPTransport {
        let revoked: Mutex<Set<String>>
        let keyIDs = Mutex<[String]>([])

        init(revoked: Set<String>) { self.revoked = Mutex(revoked) }

        func send(_ request: HTTPRequest, body: [UInt8]) async throws(GNAPClientError) -> (HTTPResponse, [UInt8]) {
            let input = request.headerFields[HTTPField.Name("Signature-Input")!] ?? ""
            let keyID = input.firstMatch(of: /keyid="([^"]*)"/).map { String($0.output.1) } ?? ""
            keyIDs.withLock { $0.append(keyID) }
            let json: HTTPFields = [.contentType: "application/json"]
            if revoked.withLock({ $0.contains(keyID) }) {
                let refusal = #"{"error":{"code":"unknown_device","description":"this device was revoked"}}"#
                return (HTTPResponse(status: .unauthorized, headerFields: json), Array(refusal.utf8))
            }
            let review = (try? GNAPJSON.encode(Fixtures.photoPrinter)) ?? []
            return (HTTPResponse(status: .ok, headerFields: json), review)
        }
    }

    static func identity(_ deviceID: String, _ key: JWK) -> ApproverIdentity {
        ApproverIdentity(
            server: server, deviceID: deviceID, privateKey: key, username: "alice", displayName: "Alice",
            enrolledAt: WallInstant(unixMilliseconds: 1_000))
    }

    static func backend(
        _ identity: ApproverIdentity, store: LocalDatabase, transport: StandInAS, resealer: KeySeal.Resealer? = nil
    ) throws -> RemoteApproverBackend<GNAP.ManualClock> {
        var key = try SigningKey(jwk: identity.privateKey)
        key.keyID = identity.deviceID
        let clock = GNAP.ManualClock(now: Fixtures.now)
        let client = InteractionClient(transport: transport, key: key, endpoint: server + "/interact/v1", clock: clock)
        return RemoteApproverBackend(client: client, store: store, identity: identity, clock: clock, resealer: resealer)
    }

    static let code = try! UserCode(parsing: "ABCDEFGH")

    @Test func aKeyRotatedInAnotherTerminalIsPickedUpAndTheCallRepeated() async throws {
        let store = try LocalDatabase.inMemory()
        let old = Self.identity("dev-1", try SigningKey.generateEd25519().privateJWK())
        try await store.saveApproverIdentity(old)
        let transport = StandInAS(revoked: [])
        let backend = try Self.backend(old, store: store, transport: transport)
        _ = try await backend.enterCode(Self.code)
        // Another terminal rotates: the AS revokes dev-1, the store holds dev-2.
        let new = Self.identity("dev-2", try SigningKey.generateEd25519().privateJWK())
        try await store.saveApproverIdentity(new)
        transport.revoked.withLock { $0 = ["dev-1"] }
        let review = try await backend.enterCode(Self.code)
        #expect(review.grantID == Fixtures.photoPrinter.grantID)
        #expect(transport.keyIDs.withLock { $0 } == ["dev-1", "dev-1", "dev-2"])
        #expect(backend.identity.deviceID == "dev-2")
        // Later calls sign with the new key at once.
        _ = try await backend.enterCode(Self.code)
        #expect(transport.keyIDs.withLock { $0.last } == "dev-2")
    }

    @Test func aSealedRotatedKeyOpensWithThePassphraseKeyTheApproverHolds() async throws {
        let store = try LocalDatabase.inMemory()
        let vault = DeviceKeyVault(store: store, seal: KeySealTests.seal)
        try await store.saveApproverIdentity(Self.identity("dev-1", try SigningKey.generateEd25519().privateJWK()))
        try await vault.sealKey(server: Self.server, passphrase: "pass", at: Fixtures.now)
        let stored = try #require(try await store.approverIdentity(server: Self.server))
        // This terminal and another one each opened the key with the passphrase.
        let (mine, myResealer) = try await vault.unlockKeepingKey(stored) { _ in "pass" }
        let (theirs, theirResealer) = try await vault.unlockKeepingKey(stored) { _ in "pass" }
        let transport = StandInAS(revoked: ["dev-1"])
        let backend = try Self.backend(mine, store: store, transport: transport, resealer: myResealer)
        _ = try await DeviceKeyRotation(store: store).rotate(theirs, resealer: theirResealer, at: Fixtures.now) {
            _, _ throws(ApproverFailure) in "dev-2"
        }
        _ = try await backend.enterCode(Self.code)
        #expect(transport.keyIDs.withLock { $0 } == ["dev-1", "dev-2"])

        // Sealed again under another passphrase: it cannot be opened here, and the approver says what to do.
        let otherStore = try LocalDatabase.inMemory()
        let otherVault = DeviceKeyVault(store: otherStore, seal: KeySealTests.seal)
        try await otherStore.saveApproverIdentity(mine)
        try await otherVault.sealKey(server: Self.server, passphrase: "pass", at: Fixtures.now)
        let (opened, resealer) = try await otherVault.unlockKeepingKey(
            try #require(try await otherStore.approverIdentity(server: Self.server))
        ) { _ in "pass" }
        let stuck = try Self.backend(opened, store: otherStore, transport: transport, resealer: resealer)
        try await otherStore.saveApproverIdentity(Self.identity("dev-3", try SigningKey.generateEd25519().privateJWK()))
        try await otherVault.sealKey(server: Self.server, passphrase: "other", at: Fixtures.now)
        do {
            _ = try await stuck.enterCode(Self.code)
            Issue.record("a key sealed under another passphrase cannot be picked up")
        } catch {
            #expect(error.code == "key_rotated_elsewhere")
            #expect(error.message.contains("quit and start gnapterm approve again"))
        }
    }

    @Test func aRevokedKeyWithNothingNewerIsReportedAsRevoked() async throws {
        let store = try LocalDatabase.inMemory()
        let identity = Self.identity("dev-1", try SigningKey.generateEd25519().privateJWK())
        try await store.saveApproverIdentity(identity)
        let transport = StandInAS(revoked: ["dev-1"])
        let backend = try Self.backend(identity, store: store, transport: transport)
        do {
            _ = try await backend.enterCode(Self.code)
            Issue.record("a revoked key must be refused")
        } catch {
            #expect(error.code == "unknown_device")
        }
        #expect(transport.keyIDs.withLock { $0 } == ["dev-1"])
    }
}

/// Enrollments are found by the AS's own public URL.
@Suite struct EnrollmentLookupTests {
    static func identity(_ server: String) -> ApproverIdentity {
        ApproverIdentity(
            server: server, deviceID: "dev-1", privateKey: try! SigningKey.generateEd25519().privateJWK(),
            username: "alice", displayName: "Alice", enrolledAt: WallInstant(unixMilliseconds: 1_000))
    }

    @Test func theASIsKnownByItsPublicURLWhicheverAddressReachedIt() async throws {
        let store = try LocalDatabase.inMemory()
        try await store.saveApproverIdentity(Self.identity("http://127.0.0.1:18080"))
        let lookup = EnrollmentLookup(store: store) { base in
            ["http://localhost:18080": "http://127.0.0.1:18080", "http://127.0.0.1:18080": "http://127.0.0.1:18080"][
                base]
        }
        // Reached as localhost: the AS calls itself 127.0.0.1, where the enrollment is.
        let found = try await lookup.identity(server: "http://127.0.0.1:18080", reachedAs: "http://localhost:18080")
        #expect(found.server == "http://127.0.0.1:18080")
        // An enrollment stored under the address typed then (localhost), for an AS that calls itself 127.0.0.1.
        let older = try LocalDatabase.inMemory()
        try await older.saveApproverIdentity(Self.identity("http://localhost:18080"))
        let olderLookup = EnrollmentLookup(store: older) { base in
            base == "http://localhost:18080" ? "http://127.0.0.1:18080" : nil
        }
        let again = try await olderLookup.identity(
            server: "http://127.0.0.1:18080", reachedAs: "http://127.0.0.1:18080")
        #expect(again.server == "http://localhost:18080")
    }

    @Test func otherwiseTheErrorSaysWhereThisTerminalIsEnrolled() async throws {
        let store = try LocalDatabase.inMemory()
        try await store.saveApproverIdentity(Self.identity("http://as.example:8080"))
        let lookup = EnrollmentLookup(store: store) { _ in nil }
        do {
            _ = try await lookup.identity(server: "http://127.0.0.1:18080", reachedAs: "http://localhost:18080")
            Issue.record("not enrolled here")
        } catch {
            #expect(
                error.description
                    == "this terminal is not enrolled at http://127.0.0.1:18080 (the authorization server at "
                    + "http://localhost:18080 calls itself http://127.0.0.1:18080); it is enrolled at "
                    + "http://as.example:8080 (run: gnapterm approve --as http://as.example:8080); to enroll here, run: "
                    + "gnapterm approve --as http://127.0.0.1:18080 --enroll CODE")
        }
    }

    @Test func thePublicURLComesFromTheDiscoveryDocument() throws {
        func discovery(_ json: String) throws -> DiscoveryInfo {
            try JSONDecoder().decode(DiscoveryInfo.self, from: Data(json.utf8))
        }
        #expect(
            ServerAddress.publicBase(
                of: try discovery(
                    #"{"grant_request_endpoint":"http://127.0.0.1:18080/gnap","gnapterm_interaction_endpoint":"http://127.0.0.1:18080/interact/v1"}"#
                )) == "http://127.0.0.1:18080")
        #expect(
            ServerAddress.publicBase(of: try discovery(#"{"grant_request_endpoint":"https://as.example/tx/gnap/"}"#))
                == "https://as.example/tx")
        let unknownShape = try discovery(#"{"grant_request_endpoint":"https://as.example/tx"}"#)
        #expect(ServerAddress.publicBase(of: unknownShape) == nil)
    }
}

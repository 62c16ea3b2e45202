import GNAP
import HTTPMessageSignatures
import TerminalApps
import TerminalSession
import TerminalStorage
import Testing

@Suite("Device key sealing (scrypt + AES-GCM)")
struct KeySealTests {
    /// A cheap cost so the tests stay fast; the envelope records it.
    static let seal = KeySeal(cost: KeySeal.Cost(rounds: 1 << 10, blockSize: 8, parallelism: 1))
    static let server = "http://as.test"

    static func identity(_ key: JWK) -> ApproverIdentity {
        ApproverIdentity(
            server: server, deviceID: "dev-1", privateKey: key, username: "alice", displayName: "Alice",
            enrolledAt: WallInstant(unixMilliseconds: 1_000))
    }

    @Test func sealedKeysOpenOnlyWithTheirPassphraseAndIdentity() throws {
        let key = try SigningKey.generateEd25519().privateJWK()
        let envelope = try Self.seal.seal(key, server: Self.server, deviceID: "dev-1", passphrase: "correct horse")
        #expect(!envelope.contains(key.d ?? "?"))
        #expect(envelope.contains(#""kdf":"scrypt""#))
        #expect(try KeySeal.open(envelope, server: Self.server, deviceID: "dev-1", passphrase: "correct horse") == key)
        #expect(throws: KeySealError.wrongPassphrase) {
            try KeySeal.open(envelope, server: Self.server, deviceID: "dev-1", passphrase: "correct hors")
        }
        // The envelope is bound to its identity.
        #expect(throws: KeySealError.wrongPassphrase) {
            try KeySeal.open(envelope, server: "http://other.test", deviceID: "dev-1", passphrase: "correct horse")
        }
        #expect(throws: KeySealError.emptyPassphrase) {
            try Self.seal.seal(key, server: Self.server, deviceID: "dev-1", passphrase: "")
        }
        #expect(throws: KeySealError.notAPrivateKey) {
            try Self.seal.seal(key.publicKey, server: Self.server, deviceID: "dev-1", passphrase: "x")
        }
    }

    @Test func damagedOrHostileEnvelopesAreRefusedReadably() throws {
        for envelope in [
            "", "{}", "not json",
            #"{"v":2,"kdf":"scrypt","n":1024,"r":8,"p":1,"salt":"AA","box":"AA"}"#,
            // A cost that would exhaust memory is refused before deriving anything.
            #"{"v":1,"kdf":"scrypt","n":1073741824,"r":8,"p":1,"salt":"AA","box":"AA"}"#,
            #"{"v":1,"kdf":"scrypt","n":1000,"r":8,"p":1,"salt":"AA","box":"AA"}"#,
        ] {
            #expect(throws: KeySealError.unreadableEnvelope) {
                try KeySeal.open(envelope, server: Self.server, deviceID: "dev-1", passphrase: "x")
            }
        }
        #expect(
            KeySealError.wrongPassphrase.description == "wrong passphrase: the device key stays sealed and unchanged")
    }

    @Test func theVaultSealsUnlocksAndUnsealsWithoutLosingTheKey() async throws {
        let store = try LocalDatabase.inMemory()
        let key = try SigningKey.generateEd25519().privateJWK()
        try await store.saveApproverIdentity(Self.identity(key))
        let vault = DeviceKeyVault(store: store, seal: Self.seal)
        try await vault.sealKey(server: Self.server, passphrase: "pass", at: WallInstant(unixMilliseconds: 2_000))
        let stored = try #require(try await store.approverIdentity(server: Self.server))
        #expect(!stored.privateKey.isPrivate)
        #expect(try await vault.list().map(\.isSealed) == [true])
        #expect(try await vault.list().map(\.thumbprint) == [try key.publicKey.thumbprint()])

        // Wrong, wrong, right: asked three times, opened on the third.
        var asked: [Int] = []
        let answers = ["no", "nope", "pass"]
        let opened = try await vault.unlock(stored) { attempt in
            asked.append(attempt)
            return answers[attempt - 1]
        }
        #expect(asked == [1, 2, 3])
        #expect(opened.privateKey == key)

        // Three wrong answers: a readable error, and the stored key is unchanged.
        let envelope = try await store.sealedApproverKey(server: Self.server)?.envelope
        await #expect(throws: SessionError.self) {
            try await vault.unlock(stored) { _ in "wrong" }
        }
        do {
            _ = try await vault.unlock(stored) { _ in "wrong" }
        } catch {
            #expect(error.description == "wrong passphrase: the device key stays sealed and unchanged")
        }
        #expect(try await store.sealedApproverKey(server: Self.server)?.envelope == envelope)
        // No answer (end of input) gives up with what is needed.
        do {
            _ = try await vault.unlock(stored) { _ in nil }
            Issue.record("expected a failure")
        } catch {
            #expect(error.description.contains("is sealed; a passphrase is needed"))
        }

        await #expect(throws: SessionError.self) { try await vault.unsealKey(server: Self.server, passphrase: "bad") }
        try await vault.unsealKey(server: Self.server, passphrase: "pass")
        #expect(try await store.approverIdentity(server: Self.server)?.privateKey == key)
        #expect(try await vault.list().map(\.isSealed) == [false])
    }

    @Test func aKeyAskedForUnderAnotherAddressNamesTheAddressesKeysAreStoredFor() async throws {
        let store = try LocalDatabase.inMemory()
        try await store.saveApproverIdentity(Self.identity(try SigningKey.generateEd25519().privateJWK()))
        let vault = DeviceKeyVault(store: store, seal: Self.seal)
        await #expect(throws: SessionError.self) {
            try await vault.sealKey(
                server: "http://localhost:18080", passphrase: "pass", at: WallInstant(unixSeconds: 1))
        }
        do {
            try await vault.unsealKey(server: "http://localhost:18080", passphrase: "pass")
            Issue.record("no key is stored for that address")
        } catch {
            #expect(
                error.description
                    == "this terminal has no device key stored for http://localhost:18080; its keys are stored for "
                    + "\(Self.server) (give that address to --as)")
        }
    }

    @Test func rotationStoresTheNewKeySealedUnderTheSamePassphrase() async throws {
        let store = try LocalDatabase.inMemory()
        let key = try SigningKey.generateEd25519().privateJWK()
        try await store.saveApproverIdentity(Self.identity(key))
        let vault = DeviceKeyVault(store: store, seal: Self.seal)
        try await vault.sealKey(server: Self.server, passphrase: "pass", at: WallInstant(unixMilliseconds: 2_000))
        let stored = try #require(try await store.approverIdentity(server: Self.server))
        let (current, resealer) = try await vault.unlockKeepingKey(stored) { _ in "pass" }

        let (rotated, info) = try await DeviceKeyRotation(store: store).rotate(
            current, resealer: resealer, at: WallInstant(unixMilliseconds: 3_000)
        ) { identity, newKey throws(ApproverFailure) in
            #expect(identity.privateKey == key)
            #expect(newKey.keyID == (try? newKey.publicJWK().thumbprint()))
            #expect((try? newKey.privateJWK()) != key)
            return "dev-2"
        }
        #expect(rotated.deviceID == "dev-2")
        #expect(info.isSealed)
        #expect(info.thumbprint == (try rotated.privateKey.publicKey.thumbprint()))
        let reopened = try await vault.unlock(try #require(try await store.approverIdentity(server: Self.server))) {
            _ in
            "pass"
        }
        #expect(reopened.privateKey == rotated.privateKey)
        #expect(reopened.deviceID == "dev-2")

        // The AS refusing leaves the stored key as it was.
        await #expect(throws: ApproverFailure.self) {
            _ = try await DeviceKeyRotation(store: store).rotate(
                reopened, resealer: resealer, at: WallInstant(unixMilliseconds: 4_000)
            ) { _, _ throws(ApproverFailure) in throw .notOffered("device key rotation") }
        }
        let after = try await vault.unlock(try #require(try await store.approverIdentity(server: Self.server))) { _ in
            "pass"
        }
        #expect(after.privateKey == rotated.privateKey)
    }
}

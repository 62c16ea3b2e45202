import GNAP
import GNAPClient
import HTTPMessageSignatures
import TerminalApps
import TerminalSession
import TerminalStorage
import Testing

/// A long-running admin view picks up a key rotated in another terminal from the local store.
@Suite("Admin keyring")
struct AdminKeyringTests {
    static let server = "http://as.test"

    static func identity(_ deviceID: String) throws -> ApproverIdentity {
        ApproverIdentity(
            server: server, deviceID: deviceID, privateKey: try SigningKey.generateEd25519().privateJWK(),
            username: "alice", displayName: "Alice", enrolledAt: WallInstant(unixSeconds: 0))
    }

    @Test func aKeyRotatedElsewhereIsUsedFromThenOn() async throws {
        let store = try LocalDatabase.inMemory()
        let first = try Self.identity("dev-1")
        try await store.saveApproverIdentity(first)
        let keyring = try await AdminKeyring(
            server: Self.server, store: store, transport: AsyncHTTPTransport(), clock: WallClock())
        // Nothing changed: renewing cannot help (the AS revoked the key itself).
        #expect(try await keyring.renew() == false)
        // Another terminal rotates the key (same home).
        _ = try await DeviceKeyRotation(store: store).rotate(first, resealer: nil, at: WallInstant(unixSeconds: 1)) {
            _, _ throws(ApproverFailure) in "dev-2"
        }
        #expect(try await keyring.renew() == true)
        #expect(keyring.identity.deviceID == "dev-2")
        #expect(keyring.admin.client.key.keyID == "dev-2")
    }

    @Test func aSealedRotatedKeyOpensWithoutAskingAgain() async throws {
        let store = try LocalDatabase.inMemory()
        let first = try Self.identity("dev-1")
        try await store.saveApproverIdentity(first)
        let vault = DeviceKeyVault(store: store, seal: KeySealTests.seal)
        try await vault.sealKey(server: Self.server, passphrase: "pass phrase", at: WallInstant(unixSeconds: 0))
        var asked = 0
        let keyring = try await AdminKeyring(
            server: Self.server, store: store, transport: AsyncHTTPTransport(), clock: WallClock(),
            passphrase: { _ in
                asked += 1
                return "pass phrase"
            })
        #expect(asked == 1)
        // The other terminal opened the key with the same passphrase and rotated it (sealed again).
        let sealed = try #require(try await store.approverIdentity(server: Self.server))
        let (opened, resealer) = try await vault.unlockKeepingKey(sealed) { _ in "pass phrase" }
        _ = try await DeviceKeyRotation(store: store).rotate(
            opened, resealer: resealer, at: WallInstant(unixSeconds: 1)
        ) { _, _ throws(ApproverFailure) in "dev-2" }
        #expect(try await store.sealedApproverKey(server: Self.server) != nil)
        #expect(try await keyring.renew() == true)
        #expect(asked == 1)
        #expect(keyring.identity.deviceID == "dev-2" && keyring.identity.privateKey.isPrivate)
    }

    @Test func aKeySealedUnderAnotherPassphraseSaysToRestart() async throws {
        let store = try LocalDatabase.inMemory()
        let first = try Self.identity("dev-1")
        try await store.saveApproverIdentity(first)
        let keyring = try await AdminKeyring(
            server: Self.server, store: store, transport: AsyncHTTPTransport(), clock: WallClock())
        var second = try Self.identity("dev-2")
        second.enrolledAt = WallInstant(unixSeconds: 2)
        try await store.saveApproverIdentity(second)
        try await DeviceKeyVault(store: store, seal: KeySealTests.seal).sealKey(
            server: Self.server, passphrase: "another one", at: WallInstant(unixSeconds: 3))
        await #expect {
            try await keyring.renew()
        } throws: { error in
            "\(error)"
                == "the device key for http://as.test was replaced in another terminal and is sealed with a passphrase "
                + "this view did not open; quit and start gnapterm admin again"
        }
    }
}

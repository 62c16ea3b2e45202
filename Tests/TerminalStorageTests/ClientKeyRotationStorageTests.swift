import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import HTTPTypes
import Synchronization
import TerminalSession
import TerminalStorage
import Testing

/// What `gnapterm device token rotate-key` leaves in the local store: after the AS confirmed, exactly the new key
/// under the device's name (the old key and the pending copy gone); after the AS refused, exactly the old key; after
/// the answer was lost, the old key and the new one kept aside. The AS is scripted: one answer to the rotation.
@Suite struct ClientKeyRotationStorageTests {
    /// Answers every request with `answer` (or fails to reach the AS when nil), and records the requests.
    final class ScriptedAS: HTTPTransport {
        let answer: (status: HTTPResponse.Status, body: String)?
        let requests = Mutex<[HTTPRequest]>([])

        init(_ answer: (status: HTTPResponse.Status, body: String)?) { self.answer = answer }

        func send(_ request: HTTPRequest, body: [UInt8]) async throws(GNAPClientError) -> (HTTPResponse, [UInt8]) {
            requests.withLock { $0.append(request) }
            guard let answer else { throw .transport("connection refused") }
            var response = HTTPResponse(status: answer.status)
            response.headerFields[.contentType] = "application/json"
            return (response, Array(answer.body.utf8))
        }
    }

    final class Lines: Sendable {
        let text = Mutex("")
        func write(_ piece: String) { text.withLock { $0 += piece } }
    }

    /// A store holding a device key and a grant naming its client instance; the old key's thumbprint.
    static func deviceHome() async throws -> (LocalDatabase, String) {
        let store = try LocalDatabase.inMemory()
        let key = SigningKey.generateEd25519()
        try await store.saveClientKey(name: "device", jwk: try key.privateJWK())
        try await store.saveDeviceGrant(
            DeviceGrantRecord(
                server: "http://127.0.0.1:9", receivedAt: WallInstant(unixSeconds: 1), accessToken: nil,
                subject: nil, proof: DeviceProofSettings(method: .jwsd), instanceID: "instance-1"),
            name: "device")
        return (store, try key.publicJWK().thumbprint())
    }

    static func rotate(_ store: LocalDatabase, _ transport: ScriptedAS) async -> (Int32, String, String) {
        let out = Lines()
        let err = Lines()
        let status = await DeviceTokenCommand(
            grantStore: store, keyStore: store, transport: transport, clock: WallClock(), stdout: out.write,
            stderr: err.write
        ).run(.rotateKey)
        return (status, out.text.withLock { $0 }, err.text.withLock { $0 })
    }

    static func thumbprint(_ store: LocalDatabase, _ name: String) async throws -> String? {
        try await store.clientKey(name: name)?.publicKey.thumbprint()
    }

    @Test func onceTheASConfirmedTheStoreHoldsExactlyTheNewKey() async throws {
        let (store, old) = try await Self.deviceHome()
        let transport = ScriptedAS((.ok, "{}"))
        let (status, out, err) = await Self.rotate(store, transport)
        #expect(status == 0, "\(err)")
        #expect(transport.requests.withLock { $0.map(\.path) } == ["/gnap/instances/instance-1/key"])
        #expect(try await store.clientKeyNames() == ["device"])
        let new = try #require(try await Self.thumbprint(store, "device"))
        #expect(new != old)
        #expect(out == "Rotated the device key: \(old) → \(new)\n")
    }

    @Test func whenTheASRefusesTheOldKeyStaysAndTheNewOneIsRemoved() async throws {
        let (store, old) = try await Self.deviceHome()
        let refusal = #"{"error":{"code":"invalid_client","description":"unknown key"}}"#
        let (status, _, err) = await Self.rotate(store, ScriptedAS((.unauthorized, refusal)))
        #expect(status == 1)
        #expect(err.contains("invalid_client"))
        #expect(try await store.clientKeyNames() == ["device"])
        #expect(try await Self.thumbprint(store, "device") == old)
    }

    @Test func whenTheAnswerIsLostTheNewKeyIsKeptAside() async throws {
        let (store, old) = try await Self.deviceHome()
        let (status, _, err) = await Self.rotate(store, ScriptedAS(nil))
        #expect(status == 1)
        #expect(err.contains("it is kept as 'device.rotating'"))
        #expect(try await store.clientKeyNames() == ["device", "device.rotating"])
        #expect(try await Self.thumbprint(store, "device") == old)
    }

    @Test func promotingReplacesTheKeyInOneStepAndNeedsAPendingKey() async throws {
        let store = try LocalDatabase.inMemory()
        let old = try SigningKey.generateEd25519().privateJWK()
        let new = try SigningKey.generateEd25519().privateJWK()
        try await store.saveClientKey(name: "device", jwk: old)
        try await store.saveClientKey(name: "device.rotating", jwk: new)
        try await store.promoteClientKey("device.rotating", to: "device")
        #expect(try await store.clientKeyNames() == ["device"])
        #expect(try await store.clientKey(name: "device") == new)
        // Nothing pending: refused, and the key stays.
        await #expect(throws: (any Error).self) { try await store.promoteClientKey("device.rotating", to: "device") }
        #expect(try await store.clientKey(name: "device") == new)
        try await store.deleteClientKey(name: "device")
        try await store.deleteClientKey(name: "device")
        #expect(try await store.clientKeyNames() == [])
    }
}

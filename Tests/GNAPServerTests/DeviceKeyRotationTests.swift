import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// `POST /interact/v1/devices/rotate`: the current key authenticates, the new key proves possession (tag
/// gnap-rotate), and the AS swaps them in one step.
@Suite("Approver device key rotation")
struct DeviceKeyRotationTests {
    static func newKey() throws -> SigningKey {
        var key = SigningKey.generateEd25519()
        key.keyID = try key.publicJWK().thumbprint()
        return key
    }

    static func rotate(
        _ client: ASHarness.Client, _ approver: TestApprover, to newKey: SigningKey, proving: SigningKey? = nil
    ) async throws -> ASHarness.Client.Reply {
        let body = try GNAPJSON.encode(DeviceKeyRotationRequest(jwk: try newKey.publicJWK()))
        return try await client.send(
            .post, "/interact/v1/devices/rotate", content: body, key: approver.key, profile: .approverAPI,
            rotatingTo: proving ?? newKey)
    }

    @Test func theNewKeyReplacesTheOldOneInOneStep() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let newKey = try Self.newKey()
            let reply = try await Self.rotate(client, alice, to: newKey)
            #expect(reply.status == .ok, "\(String(decoding: reply.body, as: UTF8.self))")
            let enrollment = try reply.decode(EnrollmentResponse.self)
            #expect(enrollment.deviceID != alice.key.keyID)
            // The old key is refused from now on; the new one, under its device id, works.
            let old = try await client.call(.get, "/interact/v1/devices", as: alice)
            #expect(old.status == .unauthorized && old.error?.code == .unknownDevice)
            var renamed = newKey
            renamed.keyID = enrollment.deviceID
            let listed = try await client.call(.get, "/interact/v1/devices", as: TestApprover(key: renamed))
                .decode(DeviceList.self)
            #expect(listed.devices.count == 2)
            #expect(listed.devices.first { $0.id == alice.key.keyID }?.revokedAt != nil)
            #expect(listed.devices.first { $0.id == enrollment.deviceID }?.thumbprint == newKey.keyID)
            let audit = try await harness.store.auditEntries(AuditQuery(kind: "device.rotated"))
            #expect(audit.count == 1)
        }
    }

    @Test func refusalsChangeNothing() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            // The new key's signature is missing: a key signs for another key's JWK.
            let claimed = try Self.newKey()
            let unproven = try await Self.rotate(client, alice, to: claimed, proving: try Self.newKey())
            #expect(unproven.status == .unauthorized && unproven.error?.code == .invalidSignature)
            // Only the current key's signature.
            let body = try GNAPJSON.encode(DeviceKeyRotationRequest(jwk: try claimed.publicJWK()))
            let single = try await client.send(
                .post, "/interact/v1/devices/rotate", content: body, key: alice.key, profile: .approverAPI)
            #expect(single.status == .unauthorized && single.error?.code == .invalidSignature)
            // The current key again.
            let same = try await Self.rotate(client, alice, to: alice.key)
            #expect(same.status == .badRequest && same.error?.code == .invalidRequest)
            // Not a key.
            let garbage = try await client.send(
                .post, "/interact/v1/devices/rotate", content: Array(#"{"jwk": 5}"#.utf8), key: alice.key,
                profile: .approverAPI, rotatingTo: claimed)
            #expect(garbage.status == .badRequest && garbage.error?.code == .invalidRequest)
            // Still the one device, still usable.
            let devices = try await client.call(.get, "/interact/v1/devices", as: alice).decode(DeviceList.self)
            #expect(devices.devices.count == 1 && devices.devices[0].revokedAt == nil)
        }
    }

    @Test func aKeyEnrolledElsewhereCannotBeTakenOver() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let bob = try await harness.enroll(client, username: "bob")
            var bobsKey = bob.key
            bobsKey.keyID = try bobsKey.publicJWK().thumbprint()
            let taken = try await Self.rotate(client, alice, to: bobsKey)
            #expect(taken.status == .conflict && taken.error?.code == .enrollmentRefused)
        }
    }
}

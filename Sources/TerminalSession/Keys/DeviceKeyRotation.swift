import GNAP
import HTTPMessageSignatures

/// Key rotation, the terminal's side: make a new device key, have the AS enroll it (the request signed with the
/// current key, which the AS then revokes), and store it in place of the old one, sealed again when the old one
/// was sealed. Key generation and the thumbprint come before the AS is asked; the seal binds the new device id, so
/// it comes after, with a key derived earlier (`KeySeal.Resealer`: no passphrase prompt, no scrypt run).
public struct DeviceKeyRotation: Sendable {
    /// The AS call: enroll `newKey` for the device of `current` (signed with `current`'s key, and with `newKey` to
    /// prove possession of it) and revoke the old key; returns the new device id.
    public typealias Enroll =
        @Sendable (_ current: ApproverIdentity, _ newKey: SigningKey) async throws(ApproverFailure)
        -> String

    public let store: any ApproverStore

    public init(store: any ApproverStore) {
        self.store = store
    }

    /// Rotates `current`'s key; `resealer` seals the new key like the old one (nil when it was not sealed).
    public func rotate(
        _ current: ApproverIdentity, resealer: KeySeal.Resealer?, at now: WallInstant, enroll: Enroll
    ) async throws(ApproverFailure) -> (identity: ApproverIdentity, key: DeviceKeyInfo) {
        var key = SigningKey.generateEd25519()
        let privateJWK: JWK
        let thumbprint: String
        do {
            privateJWK = try key.privateJWK()
            thumbprint = try privateJWK.publicKey.thumbprint()
            key.keyID = thumbprint
        } catch {
            throw ApproverFailure(code: nil, message: "cannot make a new device key: \(error)")
        }
        let deviceID = try await enroll(current, key)
        var rotated = current
        rotated.deviceID = deviceID
        rotated.privateKey = privateJWK
        rotated.enrolledAt = now
        do {
            if let resealer {
                let envelope = try resealer.seal(privateJWK, server: rotated.server, deviceID: deviceID)
                var publicOnly = rotated
                publicOnly.privateKey = privateJWK.publicKey
                try await store.saveSealedApproverIdentity(
                    publicOnly, sealed: SealedApproverKey(server: rotated.server, envelope: envelope, sealedAt: now))
            } else {
                try await store.saveApproverIdentity(rotated)
            }
        } catch {
            throw ApproverFailure(
                code: nil,
                message: "the AS enrolled the new key (\(thumbprint)), but storing it failed: \(error)")
        }
        return (
            rotated,
            DeviceKeyInfo(
                origin: .thisTerminal, server: rotated.server, deviceID: deviceID, thumbprint: thumbprint,
                enrolledAt: now, isSealed: resealer != nil)
        )
    }
}

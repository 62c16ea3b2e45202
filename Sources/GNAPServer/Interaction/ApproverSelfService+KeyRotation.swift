import GNAP
import HTTPMessageSignatures

extension ApproverSelfService {
    /// Replaces the calling device's key (rotate = enroll the new key, revoke the old, in one step). The
    /// current key authenticates the call like any other; the new key proves possession with a second signature
    /// (tag `gnap-rotate`) that covers the first, as RFC 9635 §7.3.1.1 does for client keys.
    func rotateKey(_ signed: SignedRequest) async throws(APIError) -> EnrollmentResponse {
        let approver = try await authenticator.authenticate(signed)
        let request: DeviceKeyRotationRequest
        do {
            request = try GNAPJSON.decodeRequest(DeviceKeyRotationRequest.self, from: signed.body)
        } catch {
            throw APIError(error)
        }
        guard !request.jwk.isPrivate, let newKey = try? VerificationKey(jwk: request.jwk),
            let thumbprint = try? request.jwk.thumbprint()
        else {
            throw APIError(GNAPError(.invalidRequest, "jwk must be a public key with a determinable algorithm"))
        }
        guard thumbprint != approver.device.thumbprint else {
            throw APIError(GNAPError(.invalidRequest, "the new key is the current key"))
        }
        let oldKey: VerificationKey
        do {
            oldKey = try VerificationKey(jwk: approver.device.jwk)
        } catch {
            throw APIError(GNAPError(.unknownDevice, "the enrolled device key is unusable"))
        }
        let now = clock.now
        switch SignatureProfile.approverAPI.verifyRotation(
            signed.head, content: signed.body, oldKey: oldKey, oldKeyID: approver.device.id, newKey: newKey,
            newKeyID: thumbprint, now: now)
        {
        case .failure(let rejection):
            throw APIError(
                GNAPError(.invalidSignature, "the new key must sign the request too (tag gnap-rotate): \(rejection)"))
        case .success:
            break
        }
        let replacement = ApproverDevice(
            id: Secrets.identifier(), accountID: approver.account.id, name: approver.device.name,
            jwk: request.jwk.publicKey, thumbprint: thumbprint, enrolledAt: now)
        do {
            try await accounts.store.replaceDevice(
                id: approver.device.id, with: replacement, at: now,
                audit: [
                    AuditEvent(
                        grantID: nil, at: now, kind: .deviceRotated,
                        detail:
                            "device '\(replacement.name)' moved from key \(approver.device.thumbprint) to \(thumbprint); "
                            + "old device \(approver.device.id) revoked, new device \(replacement.id)",
                        accountID: approver.account.id)
                ])
        } catch StoreError.conflict {
            throw APIError(.conflict, GNAPError(.enrollmentRefused, "the new key is already enrolled"))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not rotate the device key"))
        }
        return EnrollmentResponse(
            deviceID: replacement.id,
            account: AccountSummary(
                username: approver.account.username, displayName: approver.account.displayName,
                role: approver.account.role))
    }
}

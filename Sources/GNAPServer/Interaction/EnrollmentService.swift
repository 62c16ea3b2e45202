import GNAP
import HTTPMessageSignatures

/// `POST /interact/v1/enroll`: an approver device enrolls its key with a one-time enrollment code. The redemption of
/// the code, the device and its audit entry are written in one transaction.
struct EnrollmentService: Sendable {
    let authenticator: ApproverAuthenticator
    let accounts: any AccountStore
    let clock: AnyWallClock
    /// The bootstrap code's file, removed once its code is redeemed.
    let bootstrapCodeFile: BootstrapCodeFile?

    func enroll(_ signed: SignedRequest) async throws(APIError) -> EnrollmentResponse {
        let request: EnrollmentRequest
        do {
            request = try GNAPJSON.decodeRequest(EnrollmentRequest.self, from: signed.body)
        } catch {
            throw APIError(error)
        }
        let name = request.deviceName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw APIError(GNAPError(.invalidRequest, "device_name must be 1 to 100 characters"))
        }
        guard !request.jwk.isPrivate, let key = try? VerificationKey(jwk: request.jwk),
            let thumbprint = try? request.jwk.thumbprint()
        else {
            throw APIError(GNAPError(.invalidRequest, "jwk must be a public key with a determinable algorithm"))
        }
        // The request must be signed by the key being enrolled (proof of possession); keyid is its thumbprint.
        try await authenticator.verify(signed, key: key, keyID: thumbprint)
        let now = clock.now
        let refused = APIError(
            .forbidden, GNAPError(.enrollmentRefused, "the enrollment code is unknown, used or expired"))
        do {
            // Refuse an already-enrolled key before spending the one-time code on it.
            if try await accounts.device(thumbprint: thumbprint) != nil {
                throw APIError(.conflict, GNAPError(.enrollmentRefused, "this key is already enrolled"))
            }
            guard let code = try? EnrollmentCode(parsing: request.code) else { throw refused }
            let publicJWK = request.jwk.publicKey
            let codeHash = Secrets.hash(code.normalized)
            let enrolled = try await accounts.enrollDevice(codeHash: codeHash, at: now) {
                account in
                guard !account.disabled else { return nil }
                let device = ApproverDevice(
                    id: Secrets.identifier(), accountID: account.id, name: name, jwk: publicJWK,
                    thumbprint: thumbprint, enrolledAt: now)
                let audit = AuditEvent(
                    grantID: nil, at: now, kind: .deviceEnrolled,
                    detail: "device '\(name)' (\(thumbprint)) enrolled for \(account.username)", accountID: account.id,
                    actor: "device:\(device.id)")
                return (device, [audit])
            }
            guard let enrolled else { throw refused }
            bootstrapCodeFile?.redeemed(codeHash: codeHash)
            return EnrollmentResponse(
                deviceID: enrolled.device.id,
                account: AccountSummary(
                    username: enrolled.account.username, displayName: enrolled.account.displayName,
                    role: enrolled.account.role))
        } catch let error as APIError {
            throw error
        } catch StoreError.conflict {
            throw APIError(.conflict, GNAPError(.enrollmentRefused, "this key is already enrolled"))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not enroll the device"))
        }
    }
}

import GNAP
import HTTPMessageSignatures

/// Authenticates approver API calls: an RFC 9421 signature (profile ``SignatureProfile/approverAPI``: tag, created,
/// nonce, Content-Digest) by the key of an enrolled, unrevoked device of an enabled account, never seen before.
struct ApproverAuthenticator: Sendable {
    let accounts: any AccountStore
    let clock: AnyWallClock
    let replay: ReplayGuard

    struct Approver: Sendable {
        var device: ApproverDevice
        var account: Account
        var ref: ApproverRef { ApproverRef(accountID: account.id, deviceID: device.id) }
    }

    func authenticate(_ signed: SignedRequest) async throws(APIError) -> Approver {
        let signatures: [ReceivedSignature]
        do {
            signatures = try ReceivedSignature.all(in: signed.head.headerFields)
        } catch {
            throw APIError(GNAPError(.invalidSignature, "malformed signature fields: \(error)"))
        }
        let profile = SignatureProfile.approverAPI
        guard let candidate = signatures.first(where: { $0.parameters.tag == profile.tag }),
            let deviceID = candidate.parameters.keyID
        else {
            throw APIError(
                GNAPError(.invalidSignature, "sign the request with your device key (tag \"\(profile.tag)\")"))
        }
        let approver = try await load(deviceID: deviceID)
        let key: VerificationKey
        do {
            key = try VerificationKey(jwk: approver.device.jwk)
        } catch {
            throw APIError(GNAPError(.unknownDevice, "the enrolled device key is unusable"))
        }
        try await verify(signed, key: key, keyID: deviceID)
        AuditContext.current?.identify("device:\(deviceID)")
        try? await accounts.touchDevice(id: deviceID, at: clock.now)
        return approver
    }

    /// Verifies a request signed by a key given in the request itself (enrollment), with replay protection.
    func verify(_ signed: SignedRequest, key: VerificationKey, keyID: String) async throws(APIError) {
        let profile = SignatureProfile.approverAPI
        let now = clock.now
        switch profile.verify(signed.head, content: signed.body, key: key, keyID: keyID, now: now) {
        case .failure(let rejection):
            throw APIError(GNAPError(.invalidSignature, "signature check failed: \(rejection)"))
        case .success(let verified):
            // The profile requires a nonce, so every accepted call is checked here.
            try await replay.check(key: keyID, verified, profile: profile, code: .replayedRequest)
        }
    }

    private func load(deviceID: String) async throws(APIError) -> Approver {
        do {
            guard let device = try await accounts.device(id: deviceID) else {
                throw APIError(GNAPError(.unknownDevice, "this device is not enrolled at this AS"))
            }
            guard device.revokedAt == nil else {
                throw APIError(GNAPError(.unknownDevice, "this device was revoked; enroll again with a new key"))
            }
            guard let account = try await accounts.account(id: device.accountID), !account.disabled else {
                throw APIError(.forbidden, GNAPError(.accountDisabled, "the account of this device is disabled"))
            }
            return Approver(device: device, account: account)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not load the device"))
        }
    }
}

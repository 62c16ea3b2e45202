import GNAP

extension InteractionService {
    /// Looks a user code up under the brute-force limits: a locked device (or a busy AS) is refused before the
    /// lookup, a failed lookup is counted and audited, and its error says how many tries the device has left.
    func guardedGrant(userCode code: UserCode, approver: ApproverAuthenticator.Approver) async throws(APIError)
        -> GrantRecord
    {
        let attempts = codeAttempts
        let ticket: CodeAttemptTicket
        do {
            ticket = try await attempts.begin(device: approver.device.id)
        } catch {
            logger.warning(
                "code entry refused: too many failed entries",
                metadata: ["device": "\(approver.device.id)", "account": "\(approver.account.id)"])
            throw error
        }
        do {
            let found = try await grant(userCode: code)
            _ = await attempts.settle(ticket, failed: false)
            return found
        } catch let error where error.error.code == .userCodeUnknown {
            let left = await attempts.settle(ticket, failed: true)
            let minutes = attempts.policy.perDeviceWindow.roundedUpSeconds / 60
            try? await administration.appendAudit([
                AuditEvent(
                    grantID: nil, at: clock.now, kind: .codeFailed,
                    detail: "unknown user code entered on device \(approver.device.id); \(left) tries left",
                    accountID: approver.account.id)
            ])
            if left == 0 {
                logger.warning(
                    "approver device locked out of code entry",
                    metadata: [
                        "device": "\(approver.device.id)", "account": "\(approver.account.id)",
                        "minutes": "\(minutes)",
                    ])
            }
            let advice =
                left == 0
                ? "this device may not enter codes for the next \(minutes) minutes"
                : "\(left) \(left == 1 ? "try" : "tries") left on this device before a \(minutes)-minute lockout"
            throw APIError(error.status, GNAPError(.userCodeUnknown, "no request has this code; \(advice)"))
        } catch {
            _ = await attempts.settle(ticket, failed: false)
            throw error
        }
    }
}

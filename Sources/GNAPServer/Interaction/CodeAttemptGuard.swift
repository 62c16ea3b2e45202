import GNAP

/// Applies the brute-force limits of ``CodeAttemptPolicy`` to code entry through the database
/// (``CodeAttemptStore``), so that every instance on it counts the same guesses and a restart forgets none.
struct CodeAttemptGuard: Sendable {
    let store: any CodeAttemptStore
    let policy: CodeAttemptPolicy
    let clock: AnyWallClock

    /// A ticket for one attempt, or the refusal as `too_many_attempts` (HTTP 429 with `Retry-After`).
    func begin(device: String) async throws(APIError) -> CodeAttemptTicket {
        let admission: CodeAttemptAdmission
        do {
            admission = try await store.beginCodeAttempt(device: device, at: clock.now, policy: policy)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not count the attempt"))
        }
        switch admission {
        case .admitted(let ticket): return ticket
        case .refused(let refusal): throw Self.error(for: refusal)
        }
    }

    /// Settles an attempt; returns how many failed entries the device has left in its window (0 if the store could
    /// not say: the advice errs on the side of caution).
    func settle(_ ticket: CodeAttemptTicket, failed: Bool) async -> Int {
        (try? await store.settleCodeAttempt(ticket, failed: failed, at: clock.now, policy: policy)) ?? 0
    }

    static func error(for refusal: CodeAttemptRefusal) -> APIError {
        let seconds = max(1, refusal.retryAfter.roundedUpSeconds)
        let description =
            switch refusal {
            case .deviceLocked:
                "too many failed code entries from this device; try again in \(seconds) s"
            case .asWideLimit:
                "too many failed code entries at this AS; code entry is paused for everyone for \(seconds) s"
            }
        return APIError(
            .tooManyRequests, GNAPError(.tooManyAttempts, description), headers: [.retryAfter: "\(seconds)"])
    }
}

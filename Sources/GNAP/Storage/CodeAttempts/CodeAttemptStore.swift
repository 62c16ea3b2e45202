/// User-code entries counted in the AS's database, so that the per-device and AS-wide limits of
/// ``CodeAttemptPolicy`` hold across every instance on it (a guess sent to another instance counts the same).
///
/// Counting is pessimistic, as in ``CodeAttemptLimiter``: an admitted attempt is stored as a failure before the
/// code is looked up, and withdrawn when the code was right. Admissions are serialized (one transaction under one
/// lock), so concurrent guesses cannot overshoot a limit.
public protocol CodeAttemptStore: Sendable {
    /// In one serialized transaction: counts the attempts of `device` within the policy's device window and of
    /// everyone within its AS-wide window, and either refuses (``CodeAttemptPolicy/refusal(device:everyone:now:)``)
    /// or stores a new attempt at `now` and returns its ticket.
    func beginCodeAttempt(device: String, at now: WallInstant, policy: CodeAttemptPolicy) async throws
        -> CodeAttemptAdmission
    /// Settles an admitted attempt: a right code (`failed` false) withdraws it. Returns how many failed entries the
    /// device has left in its window at `now`.
    func settleCodeAttempt(_ ticket: CodeAttemptTicket, failed: Bool, at now: WallInstant, policy: CodeAttemptPolicy)
        async throws -> Int
    /// Deletes at most `limit` attempts made at or before `cutoff` (older than every window); returns how many.
    func purgeCodeAttempts(before cutoff: WallInstant, limit: Int) async throws -> Int
}

/// The outcome of ``CodeAttemptStore/beginCodeAttempt(device:at:policy:)``.
public enum CodeAttemptAdmission: Sendable, Hashable {
    /// Look the code up, then settle the ticket.
    case admitted(CodeAttemptTicket)
    case refused(CodeAttemptRefusal)
}

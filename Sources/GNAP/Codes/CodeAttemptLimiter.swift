/// Counts user-code entries per device and AS-wide (the code-entry state machine; no I/O).
///
/// Counting is pessimistic: an allowed attempt is recorded as a failure *before* the code is looked up, and the
/// shell withdraws it with ``CodeAttemptEvent/settled(_:failed:)`` when the code turned out to be right. Concurrent
/// guesses therefore cannot overshoot a limit, and the stored entries never exceed the limits (bounded memory).
public struct CodeAttemptLimiter<C: Clock>: Sendable where C.Instant == WallInstant, C: Sendable {
    public let policy: CodeAttemptPolicy
    public let clock: C

    struct Entry: Sendable, Hashable {
        var ticket: UInt64
        var at: WallInstant
    }

    private(set) var devices: [String: [Entry]] = [:]
    private(set) var everyone: [Entry] = []
    private var nextTicket: UInt64 = 0

    public init(policy: CodeAttemptPolicy, clock: C) {
        self.policy = policy
        self.clock = clock
    }

    public mutating func event(_ event: CodeAttemptEvent) -> CodeAttemptAction {
        let now = clock.now
        prune(now: now)
        switch event {
        case .attempt(let device):
            let mine = devices[device] ?? []
            if let refusal = policy.refusal(
                device: CodeAttemptWindow(count: mine.count, oldest: mine.first?.at),
                everyone: CodeAttemptWindow(count: everyone.count, oldest: everyone.first?.at), now: now)
            {
                return .refuse(refusal)
            }
            nextTicket += 1
            let entry = Entry(ticket: nextTicket, at: now)
            devices[device, default: []].append(entry)
            everyone.append(entry)
            return .proceed(CodeAttemptTicket(device: device, id: String(nextTicket)))
        case .settled(let ticket, let failed):
            if !failed {
                devices[ticket.device]?.removeAll { String($0.ticket) == ticket.id }
                everyone.removeAll { String($0.ticket) == ticket.id }
                if devices[ticket.device]?.isEmpty == true { devices[ticket.device] = nil }
            }
            let used = devices[ticket.device]?.count ?? 0
            return .remaining(max(0, policy.perDeviceLimit - used))
        }
    }

    /// Drops entries older than their window; devices without entries are forgotten.
    private mutating func prune(now: WallInstant) {
        let deviceCutoff = policy.deviceWindowStart(at: now)
        for (device, entries) in devices {
            let kept = entries.filter { $0.at > deviceCutoff }
            devices[device] = kept.isEmpty ? nil : kept
        }
        let cutoff = policy.asWideWindowStart(at: now)
        everyone.removeAll { $0.at <= cutoff }
    }
}

/// What happens at code entry.
public enum CodeAttemptEvent: Sendable, Hashable {
    /// A device is about to try a code.
    case attempt(device: String)
    /// The attempt ended: `failed` when no pending grant had the code.
    case settled(CodeAttemptTicket, failed: Bool)
}

/// Identifies one allowed attempt, to settle it.
public struct CodeAttemptTicket: Sendable, Hashable {
    public var device: String
    /// Unique among the attempts being counted.
    public var id: String

    public init(device: String, id: String) {
        self.device = device
        self.id = id
    }
}

public enum CodeAttemptAction: Sendable, Hashable {
    /// Look the code up, then settle the ticket.
    case proceed(CodeAttemptTicket)
    /// Refuse without looking the code up.
    case refuse(CodeAttemptRefusal)
    /// The attempt is settled; the device has this many failed entries left in its window.
    case remaining(Int)
}

public enum CodeAttemptRefusal: Sendable, Hashable {
    /// This device made too many failed entries; it may try again after `retryAfter`.
    case deviceLocked(retryAfter: Duration)
    /// The AS as a whole saw too many failed entries; every device may try again after `retryAfter`.
    case asWideLimit(retryAfter: Duration)

    public var retryAfter: Duration {
        switch self {
        case .deviceLocked(let duration), .asWideLimit(let duration): duration
        }
    }
}

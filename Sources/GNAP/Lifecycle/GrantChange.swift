/// One stored grant being changed inside a store transaction (``GrantStore/change(grantID:clock:_:)``): events are
/// fed to its state machine, and what must be written with the new state (audit entries, issued tokens, tokens to
/// revoke) is collected here, so that all of it lands in the same transaction or none of it does.
public struct GrantChange: Sendable {
    /// The grant as it will be written.
    public var record: GrantRecord
    /// The instant of the whole step: every event and audit entry of one transaction sees the same time.
    public let now: WallInstant
    public private(set) var audit: [AuditEvent] = []
    /// New access tokens to store with the grant.
    public var issuedTokens: [AccessTokenRecord] = []
    /// The grant's earlier tokens to revoke, in order (before `issuedTokens` are stored).
    public private(set) var revocations: [TokenRevocation] = []
    /// The continuation call this step answers, once opened with its token (`GrantChange+Continuation`).
    var call: OpenedCall?
    /// Whether this step gave the client a new continuation token.
    var rotated = false
    /// The grant's state as loaded, before this step: what the step changed is told from it.
    private let loaded: GrantLifecycleState

    struct OpenedCall: Sendable {
        var tokenHash: String
        var isRepeat: Bool
        var nextCallAllowedAtBefore: WallInstant
    }

    public init(record: GrantRecord, now: WallInstant) {
        self.record = record
        self.now = now
        loaded = record.lifecycle
    }

    /// Builds the state machine over the stored state, feeds it `event` and keeps the new state.
    public mutating func apply(_ event: GrantEvent) -> GrantAction {
        var machine = GrantLifecycle(state: record.lifecycle, clock: StepClock(now: now))
        let action = machine.event(event)
        record.lifecycle = machine.state
        return action
    }

    /// Applies `event` and refuses the step (nothing is written) unless the machine answers `expected`.
    public mutating func require(_ event: GrantEvent, yields expected: GrantAction) throws(GrantStepRefused) {
        let action = apply(event)
        guard action == expected else { throw GrantStepRefused(action: action) }
    }

    /// Adds an audit entry about this grant, at the step's instant.
    public mutating func audit(_ kind: AuditEventKind, _ detail: String, accountID: String? = nil) {
        audit.append(AuditEvent(grantID: record.id, at: now, kind: kind, detail: detail, accountID: accountID))
    }

    /// Revokes some of the grant's earlier tokens with this step.
    public mutating func revoke(_ revocation: TokenRevocation) {
        revocations.append(revocation)
    }

    /// Whether the grant was finalized by this step.
    public var finalizedNow: Bool { record.lifecycle.status == .finalized && loaded.status != .finalized }

    /// Whether this step told a client again the answer that had ended the grant (``FinalAnswer``: its first
    /// answer was lost).
    public var repeatedFinalAnswerNow: Bool {
        loaded.finalAnswer?.repeatedAt == nil && record.lifecycle.finalAnswer?.repeatedAt != nil
    }
}

/// A step the state machine refused: thrown out of the transaction, so nothing of it is written.
public struct GrantStepRefused: Error, Sendable, Hashable {
    public let action: GrantAction

    public init(action: GrantAction) { self.action = action }
}

/// The clock of one step: stopped at the step's instant.
struct StepClock: Clock, Sendable {
    typealias Instant = WallInstant
    let now: WallInstant
    var minimumResolution: Duration { .milliseconds(1) }
    func sleep(until deadline: WallInstant, tolerance: Duration?) async throws {}
}

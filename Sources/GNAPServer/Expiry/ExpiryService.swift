import GNAP
import Logging
import ServiceLifecycle

/// Expires pending grants (and so their user codes) when their interaction lifetime ends, and notes unused device
/// enrollment codes that expired, and purges expired signature nonces and code-entry counts in small batches, as a
/// ServiceLifecycle service: it sleeps until the next expiry (at most ``maximumSleep``, since a restarted AS may use another
/// lifetime), marks every due grant expired (the ``GrantEvent/expireInteraction`` event of its state machine, with a
/// `grant.expired` audit entry in the same transaction), and stops on graceful shutdown. Without it, expiry is still enforced at each use; with it, the
/// admin counts and the live events show expiry when it happens. With several instances on one database it runs on
/// one of them at a time (``InstanceCoordination/runAsMaintainer(_:)``), and another takes over when that one dies.
public struct ExpiryService: Service {
    let grants: any GrantStore
    /// The expiry queries and the enrollment codes' expiry.
    let administration: any AdministrationStore
    /// Purged of what expired; nil leaves them alone.
    let nonces: (any NonceStore)?
    let codeAttempts: (any CodeAttemptStore)?
    /// Code entries older than this are outside every window of the code-attempt policy.
    let codeAttemptRetention: Duration
    let coordination: any InstanceCoordination
    let clock: AnyWallClock
    let logger: Logger
    /// The longest the service sleeps between sweeps.
    public let maximumSleep: Duration
    /// The bootstrap code's file, removed by the first sweep after its code expired.
    let bootstrapCodeFile: BootstrapCodeFile?

    /// The rows one purge statement deletes at most.
    static let purgeBatch = 500

    public init<C: Clock & Sendable>(
        grants: any GrantStore, administration: any AdministrationStore, nonces: (any NonceStore)? = nil,
        codeAttempts: (any CodeAttemptStore)? = nil, codeAttemptRetention: Duration = .seconds(900),
        coordination: any InstanceCoordination = SingleInstance(),
        clock: C, maximumSleep: Duration = .seconds(30), logger: Logger = Logger(label: "gnapterm.as.expiry"),
        bootstrapCodeFile: BootstrapCodeFile? = nil
    ) where C.Instant == WallInstant {
        self.grants = grants
        self.administration = administration
        self.nonces = nonces
        self.codeAttempts = codeAttempts
        self.codeAttemptRetention = codeAttemptRetention
        self.coordination = coordination
        self.clock = AnyWallClock(clock)
        self.maximumSleep = maximumSleep
        self.logger = logger
        self.bootstrapCodeFile = bootstrapCodeFile
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            try? await coordination.runAsMaintainer { await loop() }
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            do {
                _ = try await sweep()
                _ = try await purge()
            } catch is CancellationError {
                return
            } catch {
                logger.error("expiry sweep failed", metadata: ["type": "\(String(reflecting: type(of: error)))"])
            }
            let now = clock.now
            let latest = now.advanced(by: maximumSleep)
            let next = (try? await administration.nextInteractionExpiry()).flatMap { $0 } ?? latest
            do {
                try await clock.sleep(
                    until: max(min(next, latest), now.advanced(by: .milliseconds(1))), tolerance: nil)
            } catch {
                return
            }
        }
    }

    /// Expires every grant and enrollment code that is due now; returns how many were expired.
    @discardableResult
    public func sweep() async throws -> Int {
        let clock = clock
        var expired = 0
        try await AuditContext.$current.withValue(AuditContext(requestID: nil, actor: "system:expiry")) {
            while true {
                let due = try await administration.expiredPendingGrantIDs(at: clock.now, limit: 100)
                if due.isEmpty { break }
                let before = expired
                for id in due {
                    let changed = try await grants.change(grantID: id, clock: clock) { change in
                        guard change.apply(.expireInteraction) == .interactionExpired else { return false }
                        change.audit(
                            .grantExpired,
                            "the interaction expired before a decision; the user code no longer works")
                        return true
                    }
                    if changed { expired += 1 }
                }
                // A full batch may have more behind it; a batch that changed nothing would come back unchanged.
                if due.count < 100 || expired == before { break }
            }
            expired += try await administration.expireEnrollmentCodes(at: clock.now) { code in
                AuditEvent(
                    grantID: nil, at: clock.now, kind: .enrollmentExpired,
                    detail: "an enrollment code expired unused (issued \(code.createdAt.iso8601))",
                    accountID: code.accountID)
            }
        }
        bootstrapCodeFile?.sweep(now: clock.now)
        return expired
    }

    /// Deletes signature nonces that expired and code entries older than ``codeAttemptRetention``, in batches of
    /// ``purgeBatch`` rows (short statements, never a sweep per request); returns how many.
    @discardableResult
    public func purge() async throws -> Int {
        let now = clock.now
        var purged = 0
        if let nonces {
            purged += try await Self.inBatches { try await nonces.purgeExpiredNonces(at: now, limit: $0) }
        }
        if let codeAttempts {
            let cutoff = now.advanced(by: .zero - codeAttemptRetention)
            purged += try await Self.inBatches { try await codeAttempts.purgeCodeAttempts(before: cutoff, limit: $0) }
        }
        return purged
    }

    private static func inBatches(_ batch: (Int) async throws -> Int) async throws -> Int {
        var total = 0
        while !Task.isCancelled {
            let count = try await batch(purgeBatch)
            total += count
            if count < purgeBatch { break }
            await Task.yield()
        }
        return total
    }
}

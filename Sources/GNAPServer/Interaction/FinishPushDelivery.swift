import GNAP
import Logging
import Synchronization

/// Performs one `push` finish (RFC 9635 §4.2.2): POSTs `{"hash", "interact_ref"}` to the client, tried again after a
/// network failure or a 5xx/429 answer up to ``FinishPushSettings/attempts`` times with a doubling delay, and logs
/// and audits the outcome. The approver's answer waits for it at most ``FinishPushSettings/approverWait``; each
/// attempt may take up to ``FinishPushSettings/timeout``, and the push is audited when it ends.
struct FinishPushDelivery: Sendable {
    let transport: any FinishPushTransport
    let settings: FinishPushSettings
    /// Where the outcome is audited.
    let administration: any AdministrationStore
    let clock: AnyWallClock
    let logger: Logger

    func deliver(grantID: String, to uri: String, callback: InteractionFinishCallback) async
        -> FinishNotice.Delivery
    {
        let body: [UInt8]
        do {
            body = try GNAPJSON.encode(callback)
        } catch {
            return .failed
        }
        let settings = settings
        let push = Task { await self.push(body, to: uri, grantID: grantID, timeout: settings.timeout) }
        let outcome = FirstOutcome()
        return await withCheckedContinuation { continuation in
            outcome.install(continuation)
            Task { outcome.resolve(await push.value) }
            Task {
                try? await Task.sleep(for: settings.approverWait)
                outcome.resolve(.pending)
            }
        }
    }

    private func push(_ body: [UInt8], to uri: String, grantID: String, timeout: Duration) async
        -> FinishNotice.Delivery
    {
        var delivery = FinishNotice.Delivery.failed
        var detail = ""
        var delay = settings.retryDelay
        for attempt in 1...settings.attempts {
            if attempt > 1 {
                // Bounded backoff: the client may be restarting its listener; a later try may reach it.
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    break
                }
                delay = delay * 2
            }
            let retryable: Bool
            do {
                let status = try await transport.post(body, to: uri, timeout: timeout)
                delivery = (200..<300).contains(status) ? .delivered : .failed
                detail = "POST \(uri): HTTP \(status)"
                retryable = status >= 500 || status == 429
            } catch {
                delivery = .failed
                detail = "POST \(uri) failed: \(String(describing: error).prefix(200))"
                retryable = true
            }
            if attempt > 1 { detail += " (attempt \(attempt) of \(settings.attempts))" }
            if delivery == .delivered || !retryable { break }
        }
        logger.log(
            level: delivery == .delivered ? .info : .warning, "interaction finish push",
            metadata: ["grant": "\(grantID)", "delivery": "\(delivery.rawValue)"])
        do {
            try await administration.appendAudit([
                AuditEvent(
                    grantID: grantID, at: clock.now, kind: delivery == .delivered ? .finishPushed : .finishPushFailed,
                    detail: detail)
            ])
        } catch {
            logger.error("could not audit a finish push", metadata: ["grant": "\(grantID)"])
        }
        return delivery
    }
}

/// Resumes a continuation with the first of several outcomes.
private final class FirstOutcome: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<FinishNotice.Delivery, Never>?, done: Bool)>(
        (nil, false))

    func install(_ continuation: CheckedContinuation<FinishNotice.Delivery, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    func resolve(_ value: FinishNotice.Delivery) {
        let continuation = state.withLock { state -> CheckedContinuation<FinishNotice.Delivery, Never>? in
            guard !state.done else { return nil }
            state.done = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: value)
    }
}

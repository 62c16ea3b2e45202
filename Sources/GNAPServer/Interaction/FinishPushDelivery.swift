import GNAP
import Logging
import Synchronization

/// Performs one `push` finish (RFC 9635 §4.2.2): POSTs `{"hash", "interact_ref"}` to the client, logs and audits the
/// outcome. The approver's answer waits for it at most ``FinishPushSettings/approverWait``; the push itself may
/// take up to ``FinishPushSettings/timeout`` and is audited when it ends.
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
        let delivery: FinishNotice.Delivery
        let detail: String
        do {
            let status = try await transport.post(body, to: uri, timeout: timeout)
            delivery = (200..<300).contains(status) ? .delivered : .failed
            detail = "POST \(uri): HTTP \(status)"
        } catch {
            delivery = .failed
            detail = "POST \(uri) failed: \(String(describing: error).prefix(200))"
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

import GNAP
import Logging

/// Following the client's interaction finish method after a decision (RFC 9635 §4.2).
extension InteractionService {
    /// Inside the decision's transaction: "The AS MUST create an interaction reference and associate that reference
    /// with the current interaction and the underlying pending request" (§4.2).
    static func recordInteractRef(_ change: inout GrantChange, _ interactRef: String) {
        guard let finish = change.record.finish,
            change.apply(.interactionFinished(interactRef: interactRef)) == .interactionFinished
        else { return }
        change.audit(
            .interactionFinished,
            "interaction reference created; finish by \(finish.method.rawValue) to \(finish.uri)")
    }

    /// After the transaction: the `redirect` URL for the approver to open (§4.2.1), or the `push` to the client
    /// (§4.2.2), whose outcome is audited.
    func followFinish(of record: GrantRecord, interactRef: String) async -> FinishNotice? {
        guard let finish = record.finish, let stored = record.lifecycle.finish?.interactRefHash,
            Secrets.matches(interactRef, storedHash: stored)
        else { return nil }
        let callback: InteractionFinishCallback
        do {
            callback = InteractionFinishCallback(
                hash: try finish.hash(interactRef: interactRef).value, interactRef: interactRef)
        } catch {
            logger.error("stored finish hash method is unusable", metadata: ["grant": "\(record.id)"])
            return nil
        }
        switch finish.method {
        case .redirect:
            return FinishNotice(method: .redirect, uri: FinishRedirect.url(uri: finish.uri, callback: callback))
        case .push:
            let delivery = await pushes.deliver(
                grantID: record.id, to: finish.uri, callback: callback)
            return FinishNotice(method: .push, uri: finish.uri, delivery: delivery)
        }
    }
}

import GNAP
import TerminalSession

extension ApproverEffectHandler {
    /// The effects of the records view: history search, active grants, device keys.
    func handleRecords(_ effect: ApproverEffect) async -> ApproverMessage? {
        switch effect {
        case .searchHistory(let query):
            return .historySearched(
                query,
                await Self.result { () async throws(ApproverFailure) in
                    try await backend.searchHistory(query, limit: historyLimit)
                })
        case .loadActiveGrants:
            return .activeGrantsLoaded(
                await Self.result { () async throws(ApproverFailure) in try await backend.activeGrants() })
        case .revokeGrant(let grantID, let reason):
            return .grantRevoked(
                grantID,
                await Self.result { () async throws(ApproverFailure) in
                    try await backend.revokeGrant(grantID, reason: reason)
                    return true
                })
        case .loadKeys:
            return .keysLoaded(
                await Self.result { () async throws(ApproverFailure) in try await backend.deviceKeys() })
        case .rotateKey:
            return .keyRotated(
                await Self.result { () async throws(ApproverFailure) in try await backend.rotateDeviceKey() })
        case .enterCode, .openInteraction, .approve, .deny, .loadHistory, .copyToClipboard, .setMouseCapture, .inbox:
            return nil
        }
    }
}

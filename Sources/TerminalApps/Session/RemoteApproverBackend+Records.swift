import GNAP

// The issue-6 parts of the remote backend that need no new AS route: full-text history search in the local store
// and this terminal's key. Active grants, revoking them, the AS's list of devices and key rotation use the
// protocol's defaults (`notOffered`) until the interaction API has those routes.
extension RemoteApproverBackend {
    public func searchHistory(_ query: String, limit: Int) async throws(ApproverFailure) -> [DecisionRecord] {
        do {
            return try await store.searchDecisions(matching: query, limit: limit)
        } catch {
            throw ApproverFailure(code: nil, message: "cannot search the local history: \(error)")
        }
    }

    public func deviceKeys() async throws(ApproverFailure) -> [DeviceKeyInfo] {
        do throws(SessionError) {
            return try await DeviceKeyVault(store: store).list().filter { $0.server == identity.server }
        } catch {
            throw ApproverFailure(code: nil, message: error.description)
        }
    }
}

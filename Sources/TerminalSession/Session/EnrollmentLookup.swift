/// Finds this terminal's enrollment at an AS by the AS's own identity, its public URL, so that the same server
/// reached as `localhost` or as `127.0.0.1` finds the same enrollment.
public struct EnrollmentLookup: Sendable {
    public let store: any ApproverStore
    /// The public URL of the AS at a stored address (nil when it cannot be asked): discovery, in the app.
    public let publicBase: @Sendable (String) async -> String?

    public init(store: any ApproverStore, publicBase: @escaping @Sendable (String) async -> String?) {
        self.store = store
        self.publicBase = publicBase
    }

    /// The identity enrolled at the AS whose public URL is `server`, reached as `reached`: the one stored under that
    /// URL, else under the address it was reached by, else under another address whose AS calls itself `server`
    /// (an enrollment stored under the address typed then). Otherwise the error names every server this terminal
    /// is enrolled at.
    public func identity(server: String, reachedAs reached: String) async throws(SessionError) -> ApproverIdentity {
        let identities: [ApproverIdentity]
        do {
            identities = try await store.approverIdentities()
        } catch {
            throw .store(error)
        }
        if let stored = identities.first(where: { $0.server == server }) { return stored }
        if let stored = identities.first(where: { $0.server == reached }) { return stored }
        for stored in identities {
            if await publicBase(stored.server) == server { return stored }
        }
        throw .notEnrolled(server, reachedAs: reached, elsewhere: identities.map(\.server))
    }
}

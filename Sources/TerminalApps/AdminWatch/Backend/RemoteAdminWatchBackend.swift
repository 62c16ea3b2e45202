import GNAP
import GNAPClient
import TerminalSession

/// ``AdminWatchBackend`` over a running AS: `AdminClient` for the API, `AdminEventStream` for the events, both
/// signed through an `AdminKeyring`, so a key rotated in another terminal is picked up instead of every call
/// failing with `unknown_device`.
public actor RemoteAdminWatchBackend: AdminWatchBackend {
    public nonisolated let identityDescription: String
    let keyring: AdminKeyring
    /// Pages of pending grants loaded at most (the table holds them all; beyond this the AS is in trouble anyway).
    let maximumPages: Int
    /// Audit entries read back from the log for the first picture (recent decisions, the event log).
    let historyLimit: Int64
    private var subscription: AdminEventSubscription?
    /// The newest entry handed to the view, where a stream reopened with a renewed key resumes.
    private var lastDelivered: Int64?
    /// Set when the key was renewed: the open stream (signed with the old key) is replaced at the next read.
    private var reopen = false

    /// - Parameters:
    ///   - maximumPages: pages of 500 pending grants loaded by a snapshot; default 400 (200,000 grants).
    ///   - historyLimit: audit entries replayed for the first picture; default 1000.
    public init(keyring: AdminKeyring, identity: String, maximumPages: Int = 400, historyLimit: Int64 = 1000) {
        self.keyring = keyring
        self.identityDescription = identity
        self.maximumPages = maximumPages
        self.historyLimit = historyLimit
    }

    public func connect(after lastEventID: Int64?, snapshot: Bool) async throws(AdminWatchFailure) -> AdminSnapshot? {
        subscription?.close()
        subscription = nil
        reopen = false
        let opened = try await call { admin async throws(GNAPClientError) in
            try await AdminEventStream(admin: admin).open(after: lastEventID)
        }
        subscription = opened
        lastDelivered = lastEventID
        guard snapshot else { return nil }
        var pending: [GrantSummary] = []
        var cursor: String?
        for _ in 0..<maximumPages {
            var filters = ["state": "pending", "limit": "500"]
            filters["cursor"] = cursor
            let page = try await call { admin async throws(GNAPClientError) in try await admin.grants(filters) }
            pending += page.grants
            cursor = page.nextCursor
            if cursor == nil { break }
        }
        var decided: [GrantSummary] = []
        // A denial is finalized once the client was told, a cancellation at once: those are decisions too.
        for state in ["approved", "denied", "finalized"] {
            decided += try await call { admin async throws(GNAPClientError) in
                try await admin.grants(["state": state, "limit": "50"])
            }.grants
        }
        let counts = try await call { admin async throws(GNAPClientError) in try await admin.counts() }
        // The log just before the counts: the recent decisions as they happened (revocations and expiries
        // included), so a restarted view shows the rows it showed before. Without it the listings still serve.
        var recent: [AuditEntryView] = []
        if let latest = counts.latestEventID, latest > 0 {
            let start = max(0, latest - historyLimit)
            recent =
                (try? await call { admin async throws(GNAPClientError) in
                    try await AdminEventStream(admin: admin).replay(after: start)
                }) ?? []
        }
        return AdminSnapshot(pending: pending, decided: decided, counts: counts, recent: recent)
    }

    public func nextEvents() async throws(AdminWatchFailure) -> [AuditEntryView] {
        while true {
            if reopen {
                reopen = false
                subscription?.close()
                let after = lastDelivered
                subscription = try await call { admin async throws(GNAPClientError) in
                    try await AdminEventStream(admin: admin).open(after: after)
                }
            }
            guard let current = subscription else { throw AdminWatchFailure("not connected") }
            do {
                let batch = try await current.nextBatch()
                if let last = batch.last?.id { lastDelivered = last }
                return batch
            } catch {
                // Closed because the key was renewed meanwhile: reopen with the new key and go on.
                if reopen { continue }
                subscription = nil
                throw Self.failure(error)
            }
        }
    }

    public func grant(id: String) async throws(AdminWatchFailure) -> GrantSummary {
        try await call { admin async throws(GNAPClientError) in try await admin.grant(id: id).grant }
    }

    public func detail(id: String) async throws(AdminWatchFailure) -> GrantDetail {
        try await call { admin async throws(GNAPClientError) in try await admin.grant(id: id) }
    }

    public func perform(_ action: GrantAction, grantID: String, reason: String) async throws(AdminWatchFailure)
        -> GrantSummary
    {
        try await call { admin async throws(GNAPClientError) in
            switch action {
            case .deny: try await admin.deny(grantID: grantID, reason: reason)
            case .revoke: try await admin.revoke(grantID: grantID, reason: reason)
            }
        }
    }

    public func accounts() async throws(AdminWatchFailure) -> (accounts: [AccountView], devices: [AdminDevice]) {
        let accounts = try await call { admin async throws(GNAPClientError) in
            try await Self.typed { try await admin.listAccounts() }
        }
        var devices: [AdminDevice] = []
        for account in accounts {
            let list = try await call { admin async throws(GNAPClientError) in
                try await admin.devices(username: account.username)
            }
            devices += list.map { AdminDevice(username: account.username, device: $0) }
        }
        return (accounts, devices)
    }

    public func perform(_ action: AccountAction) async throws(AdminWatchFailure) -> String {
        try await call { admin async throws(GNAPClientError) in
            switch action {
            case .disable(let username):
                _ = try await Self.typed { try await admin.setDisabled(username: username, true) }
                return "Disabled account '\(username)'."
            case .enable(let username):
                _ = try await Self.typed { try await admin.setDisabled(username: username, false) }
                return "Enabled account '\(username)'."
            case .revokeDevice(let id, let name):
                _ = try await admin.revokeDevice(id: id)
                return "Revoked device '\(name)'."
            }
        }
    }

    /// Runs `body` with the current client. When the AS no longer knows the key (it was rotated in another
    /// terminal), the stored key is read again and `body` retried once with it; when that cannot help, the failure
    /// says what to do and ends the session.
    private func call<T: Sendable>(_ body: (AdminClient) async throws(GNAPClientError) -> T)
        async throws(AdminWatchFailure) -> T
    {
        do {
            return try await body(keyring.admin)
        } catch  where error.gnapError?.code == .unknownDevice {
            let renewed: Bool
            do {
                renewed = try await keyring.renew()
            } catch {
                throw AdminWatchFailure(error.description, isRefusal: true, endsSession: true)
            }
            guard renewed else {
                throw AdminWatchFailure(
                    "the AS no longer accepts this terminal's device key (it was revoked, or replaced from another "
                        + "home); enroll again: gnapterm approve --as \(keyring.server) --enroll CODE",
                    isRefusal: true, endsSession: true)
            }
            reopen = subscription != nil
            subscription?.close()
            do {
                return try await body(keyring.admin)
            } catch {
                throw Self.failure(error)
            }
        } catch {
            throw Self.failure(error)
        }
    }

    /// The account calls of `AccountAdministrator` throw untyped errors; `AdminClient` throws only these.
    private static func typed<T>(_ body: () async throws -> T) async throws(GNAPClientError) -> T {
        do {
            return try await body()
        } catch let error as GNAPClientError {
            throw error
        } catch {
            throw .transport(String(describing: type(of: error)))
        }
    }

    /// An answer of the AS that is not transient (not an admin, unknown or revoked device) is a refusal: it stops
    /// the reconnection attempts; one about this terminal's credentials ends the session. Network trouble and 5xx
    /// are worth retrying.
    static func failure(_ error: any Error) -> AdminWatchFailure {
        guard let error = error as? GNAPClientError else { return AdminWatchFailure(String(describing: error)) }
        let credentials: Set<GNAPError.Code> = [.unknownDevice, .adminRequired, .accountDisabled]
        return AdminWatchFailure(
            error.description, isRefusal: error.gnapError != nil && !error.isTransient,
            endsSession: error.gnapError.map { credentials.contains($0.code) } ?? false)
    }
}

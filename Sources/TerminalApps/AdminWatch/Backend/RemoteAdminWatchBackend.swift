import GNAP
import GNAPClient

/// ``AdminWatchBackend`` over a running AS: `AdminClient` for the API, `AdminEventStream` for the events.
public actor RemoteAdminWatchBackend: AdminWatchBackend {
    public nonisolated let identityDescription: String
    let admin: AdminClient
    let stream: AdminEventStream
    /// Pages of pending grants loaded at most (the table holds them all; beyond this the AS is in trouble anyway).
    let maximumPages: Int
    private var subscription: AdminEventSubscription?

    /// - Parameter maximumPages: pages of 500 pending grants loaded by a snapshot; default 400 (200,000 grants).
    public init(admin: AdminClient, stream: AdminEventStream, identity: String, maximumPages: Int = 400) {
        self.admin = admin
        self.stream = stream
        self.identityDescription = identity
        self.maximumPages = maximumPages
    }

    public func connect(after lastEventID: Int64?, snapshot: Bool) async throws(AdminWatchFailure) -> AdminSnapshot? {
        subscription?.close()
        subscription = nil
        let opened = try await call { () async throws(GNAPClientError) in try await stream.open(after: lastEventID) }
        subscription = opened
        guard snapshot else { return nil }
        var pending: [GrantSummary] = []
        var cursor: String?
        for _ in 0..<maximumPages {
            var filters = ["state": "pending", "limit": "500"]
            filters["cursor"] = cursor
            let page = try await call { () async throws(GNAPClientError) in try await admin.grants(filters) }
            pending += page.grants
            cursor = page.nextCursor
            if cursor == nil { break }
        }
        let approved = try await call { () async throws(GNAPClientError) in
            try await admin.grants(["state": "approved", "limit": "50"])
        }
        let denied = try await call { () async throws(GNAPClientError) in
            try await admin.grants(["state": "denied", "limit": "50"])
        }
        // A denial is finalized once the client was told, a cancellation at once: those are decisions too.
        let finalized = try await call { () async throws(GNAPClientError) in
            try await admin.grants(["state": "finalized", "limit": "50"])
        }
        let counts = try await call { () async throws(GNAPClientError) in try await admin.counts() }
        return AdminSnapshot(
            pending: pending, decided: approved.grants + denied.grants + finalized.grants, counts: counts)
    }

    public func nextEvents() async throws(AdminWatchFailure) -> [AuditEntryView] {
        guard let subscription else { throw AdminWatchFailure("not connected") }
        do {
            return try await subscription.nextBatch()
        } catch {
            self.subscription = nil
            throw Self.failure(error)
        }
    }

    public func grant(id: String) async throws(AdminWatchFailure) -> GrantSummary {
        try await call { () async throws(GNAPClientError) in try await admin.grant(id: id).grant }
    }

    public func detail(id: String) async throws(AdminWatchFailure) -> GrantDetail {
        try await call { () async throws(GNAPClientError) in try await admin.grant(id: id) }
    }

    public func perform(_ action: GrantAction, grantID: String, reason: String) async throws(AdminWatchFailure)
        -> GrantSummary
    {
        try await call { () async throws(GNAPClientError) in
            switch action {
            case .deny: try await admin.deny(grantID: grantID, reason: reason)
            case .revoke: try await admin.revoke(grantID: grantID, reason: reason)
            }
        }
    }

    public func accounts() async throws(AdminWatchFailure) -> (accounts: [AccountView], devices: [AdminDevice]) {
        let accounts: [AccountView]
        do {
            accounts = try await admin.listAccounts()
        } catch {
            throw Self.failure(error)
        }
        var devices: [AdminDevice] = []
        for account in accounts {
            let list = try await call { () async throws(GNAPClientError) in
                try await admin.devices(username: account.username)
            }
            devices += list.map { AdminDevice(username: account.username, device: $0) }
        }
        return (accounts, devices)
    }

    public func perform(_ action: AccountAction) async throws(AdminWatchFailure) -> String {
        do {
            switch action {
            case .disable(let username):
                _ = try await admin.setDisabled(username: username, true)
                return "Disabled account '\(username)'."
            case .enable(let username):
                _ = try await admin.setDisabled(username: username, false)
                return "Enabled account '\(username)'."
            case .revokeDevice(let id, let name):
                _ = try await admin.revokeDevice(id: id)
                return "Revoked device '\(name)'."
            }
        } catch {
            throw Self.failure(error)
        }
    }

    private func call<T>(_ body: () async throws(GNAPClientError) -> T) async throws(AdminWatchFailure) -> T {
        do {
            return try await body()
        } catch {
            throw Self.failure(error)
        }
    }

    /// An answer of the AS that is not transient (not an admin, unknown or revoked device) is a refusal: it stops
    /// the reconnection attempts. Network trouble and 5xx are worth retrying.
    static func failure(_ error: any Error) -> AdminWatchFailure {
        guard let error = error as? GNAPClientError else { return AdminWatchFailure(String(describing: error)) }
        return AdminWatchFailure(error.description, isRefusal: error.gnapError != nil && !error.isTransient)
    }
}

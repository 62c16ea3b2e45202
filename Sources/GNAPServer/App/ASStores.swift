import GNAP

/// The store protocols the AS runs on, one per concern. A complete backend (``ASStore``) fills every one; a test
/// can put a wrapper in front of one concern (e.g. a grant store that makes racing requests meet).
public struct ASStores: Sendable {
    public var grants: any GrantStore
    public var clients: any ClientInstanceStore
    public var accounts: any AccountStore
    public var administration: any AdministrationStore
    public var secrets: any SecretStore
    public var inbox: any InboxStore
    public var resourceServers: any ResourceServerStore

    public init(
        grants: any GrantStore, clients: any ClientInstanceStore, accounts: any AccountStore,
        administration: any AdministrationStore, secrets: any SecretStore, inbox: any InboxStore,
        resourceServers: any ResourceServerStore
    ) {
        self.grants = grants
        self.clients = clients
        self.accounts = accounts
        self.administration = administration
        self.secrets = secrets
        self.inbox = inbox
        self.resourceServers = resourceServers
    }

    /// Every concern from one backend.
    public init(_ backend: some ASStore) {
        self.init(
            grants: backend, clients: backend, accounts: backend, administration: backend, secrets: backend,
            inbox: backend, resourceServers: backend)
    }
}

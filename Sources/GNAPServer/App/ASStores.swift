import GNAP

/// The store protocols the AS runs on, one per concern, and how its instances coordinate. A complete backend
/// (``ASStore``) fills every store; a test can put a wrapper in front of one concern (e.g. a grant store that makes
/// racing requests meet).
public struct ASStores: Sendable {
    public var grants: any GrantStore
    public var clients: any ClientInstanceStore
    public var accounts: any AccountStore
    public var administration: any AdministrationStore
    public var secrets: any SecretStore
    /// The replay cache of signature nonces.
    public var nonces: any NonceStore
    /// The user-code entry counts.
    public var codeAttempts: any CodeAttemptStore
    /// Which instance runs the maintenance, and news of audit entries for the event streams.
    public var coordination: any InstanceCoordination
    public var inbox: any InboxStore
    public var resourceServers: any ResourceServerStore

    public init(
        grants: any GrantStore, clients: any ClientInstanceStore, accounts: any AccountStore,
        administration: any AdministrationStore, secrets: any SecretStore, nonces: any NonceStore,
        codeAttempts: any CodeAttemptStore, inbox: any InboxStore, resourceServers: any ResourceServerStore,
        coordination: any InstanceCoordination = SingleInstance()
    ) {
        self.grants = grants
        self.clients = clients
        self.accounts = accounts
        self.administration = administration
        self.secrets = secrets
        self.nonces = nonces
        self.codeAttempts = codeAttempts
        self.coordination = coordination
        self.inbox = inbox
        self.resourceServers = resourceServers
    }

    /// Every concern from one backend; `coordination` defaults to a backend that one instance owns.
    public init(_ backend: some ASStore, coordination: any InstanceCoordination = SingleInstance()) {
        self.init(
            grants: backend, clients: backend, accounts: backend, administration: backend, secrets: backend,
            nonces: backend, codeAttempts: backend, inbox: backend, resourceServers: backend,
            coordination: coordination)
    }
}

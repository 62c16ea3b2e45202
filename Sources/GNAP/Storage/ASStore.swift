/// Every AS store protocol at once: what a complete backend (SQLite in GNAPStorage, PostgreSQL in
/// GNAPStoragePostgres) implements. Services and test doubles ask only for the protocols they use.
public typealias ASStore = GrantStore & ClientInstanceStore & AccountStore & AdministrationStore & SecretStore
    & NonceStore & CodeAttemptStore & InboxStore & ResourceServerStore

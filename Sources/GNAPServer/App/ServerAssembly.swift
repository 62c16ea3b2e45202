import GNAP
import Logging
import ServiceLifecycle

/// A ready authorization server, assembled in one place for `gnapterm serve` and the demo: the pre-registered
/// clients loaded, the first admin account created on an empty store, the secrets read once, and the services to
/// run (the HTTP application and the expiry service).
public struct ServerAssembly: Sendable {
    public let server: AuthorizationServer
    /// The first admin account and its one-time enrollment code, when this start created them (empty store).
    public let bootstrap: Bootstrap.Result?
    /// How many pre-registered clients were loaded, when a registry was given.
    public let registeredClients: Int?

    /// Assembles the AS over a complete backend. Changes the store only as described above; a registry that the
    /// store refuses (an identifier of a dynamic instance) stops it before anything else is written.
    /// - Parameters:
    ///   - store: the backend (SQLite in GNAPStorage, PostgreSQL in GNAPStoragePostgres).
    ///   - coordination: how instances on `store` coordinate; default ``SingleInstance`` (a store one instance
    ///     owns), the PostgreSQL store for several.
    ///   - configuration: listening address, timings and policies; `bootstrapCodeLifetime` for the first code.
    ///   - clock: the wall clock.
    ///   - logger: the server's logger.
    ///   - clients: the operator's pre-registered clients (`serve --clients`), if any.
    ///   - pushTransport: sends `push` interaction finishes; default ``AsyncHTTPFinishPushTransport``.
    public static func assemble<C: Clock & Sendable>(
        store: some ASStore, coordination: any InstanceCoordination = SingleInstance(),
        configuration: ServerConfiguration, clock: C, logger: Logger, clients: ClientRegistry? = nil,
        pushTransport: any FinishPushTransport = AsyncHTTPFinishPushTransport()
    ) async throws -> ServerAssembly where C.Instant == WallInstant {
        if let clients { try await ClientRegistration.apply(clients, to: store, now: clock.now) }
        let bootstrap = try await Bootstrap.runIfNeeded(
            store: store, now: clock.now, lifetime: configuration.bootstrapCodeLifetime)
        let server = AuthorizationServer(
            stores: ASStores(store, coordination: coordination), secrets: try await ServerSecrets.load(from: store),
            configuration: configuration,
            clock: clock, logger: logger, pushTransport: pushTransport)
        return ServerAssembly(server: server, bootstrap: bootstrap, registeredClients: clients?.entries.count)
    }

    /// What to run in one `ServiceGroup`: the HTTP application (`onRunning` gets the base URL once the listener is
    /// bound) and the expiry service.
    public func services(onRunning: @escaping @Sendable (String) async -> Void = { _ in }) -> [any Service] {
        [server.application(onRunning: onRunning), server.expiryService()]
    }
}

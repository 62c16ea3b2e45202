import Foundation
import GNAP
import Logging
import ServerTLS
import ServiceLifecycle

/// A ready authorization server, assembled in one place for `gnapterm serve` and the demo: the pre-registered
/// clients loaded, the secrets read once (and wrapped, with a secrets key), and the services to run (the HTTP
/// service and the expiry service). The first admin account and its enrollment code are created only once the
/// listener is bound (``services(onRunning:)``), so an AS that cannot listen writes neither.
public struct ServerAssembly: Sendable {
    public let server: AuthorizationServer
    /// How many pre-registered clients were loaded, when a registry was given.
    public let registeredClients: Int?
    /// How many pre-registered resource servers were loaded, when a registry was given.
    public let registeredResourceServers: Int?
    /// How the AS's secrets are kept at rest.
    public let secretsAtRest: ServerSecrets.AtRest
    let store: any AccountStore
    /// Where the limits of asynchronous requests are written when the AS starts.
    let administration: any AdministrationStore
    let asynchronous: AsynchronousPolicy
    let clock: AnyWallClock
    let bootstrapCodeLifetime: Duration
    let bootstrapCodeFile: BootstrapCodeFile?
    let logger: Logger

    /// What the AS found or did when it started, once its listener is bound.
    public struct Start: Sendable {
        /// The base URL the AS serves.
        public var base: String
        /// The first admin account and its one-time enrollment code, when this start created them (empty store).
        public var bootstrap: Bootstrap.Result?
        /// On a later start: until when the bootstrap code in ``BootstrapCodeFile`` still works, if it is unused.
        public var unusedBootstrapCodeExpiresAt: WallInstant?
    }

    /// Assembles the AS over a complete backend. Changes the store only as described above; a registry that the
    /// store refuses (an identifier of a dynamic instance) stops it before anything else is written.
    /// - Parameters:
    ///   - store: the backend (SQLite in GNAPStorage, PostgreSQL in GNAPStoragePostgres).
    ///   - coordination: how instances on `store` coordinate; default ``SingleInstance`` (a store one instance
    ///     owns), the PostgreSQL store for several.
    ///   - configuration: listening address, timings, limits and policies; `bootstrapCodeLifetime` for the first code.
    ///   - clock: the wall clock.
    ///   - logger: the server's logger; it says whether the secrets are stored in clear.
    ///   - clients: the operator's pre-registered clients (`serve --clients`), if any.
    ///   - resourceServers: the operator's pre-registered resource servers (`serve --resource-servers`), if any.
    ///   - secretsKey: wraps the AS's secrets at rest (`serve --secrets-key-file`); nil keeps them in clear.
    ///   - bootstrapCodeFile: where the first enrollment code is written (and removed once used or expired).
    ///   - pushTransport: sends `push` interaction finishes; default ``AsyncHTTPFinishPushTransport``.
    ///   - tls: the TLS certificate and key (`serve --tls-cert`), reloaded on SIGHUP; default nil (plain HTTP).
    public static func assemble<C: Clock & Sendable>(
        store: some ASStore, coordination: any InstanceCoordination = SingleInstance(),
        configuration: ServerConfiguration, clock: C, logger: Logger, clients: ClientRegistry? = nil,
        resourceServers: ResourceServerRegistry? = nil, secretsKey: SecretsKey? = nil,
        bootstrapCodeFile: BootstrapCodeFile? = nil,
        pushTransport: any FinishPushTransport = AsyncHTTPFinishPushTransport(), tls: TLSContextHolder? = nil
    ) async throws -> ServerAssembly where C.Instant == WallInstant {
        var configuration = configuration
        if let clients {
            try await ClientRegistration.apply(clients, to: store, now: clock.now)
            configuration.clientPolicies = clients.policies
        }
        if let resourceServers {
            try await ResourceServerRegistration.apply(resourceServers, to: store, now: clock.now)
        }
        let (secrets, atRest) = try await ServerSecrets.load(from: store, key: secretsKey)
        switch atRest {
        case .clear:
            logger.warning(
                "the AS's secrets (user-code pepper, assertion signing key) are stored in clear in its database; wrap them with --secrets-key-file or GNAPTERM_SECRETS_KEY"
            )
        case .wrapped:
            logger.info("the AS's secrets are wrapped by the secrets key")
        case .wrappedNow(let names):
            logger.notice("wrapped the AS's secrets stored in clear", metadata: ["secrets": "\(names)"])
        }
        let server = AuthorizationServer(
            stores: ASStores(store, coordination: coordination), secrets: secrets, configuration: configuration,
            clock: clock, logger: logger, pushTransport: pushTransport, bootstrapCodeFile: bootstrapCodeFile, tls: tls)
        return ServerAssembly(
            server: server, registeredClients: clients?.entries.count,
            registeredResourceServers: resourceServers?.entries.count, secretsAtRest: atRest, store: store,
            administration: store, asynchronous: configuration.asynchronous, clock: AnyWallClock(clock),
            bootstrapCodeLifetime: configuration.bootstrapCodeLifetime,
            bootstrapCodeFile: bootstrapCodeFile, logger: logger)
    }

    /// What to run in one `ServiceGroup`: the HTTP service, the expiry service and, with TLS, the service that
    /// reloads the certificate on SIGHUP. Once the listener is bound, the
    /// first admin account and its code are created on an empty store (and written to the bootstrap code file), a
    /// file left from an earlier start is kept only while its code is unused and valid, and `onRunning` is called
    /// with what happened, before the first request is handled.
    public func services(onRunning: @escaping @Sendable (Start) async throws -> Void = { _ in }) -> [any Service] {
        let assembly = self
        let listening = ListeningService(server: server) { base in
            try await onRunning(try await assembly.start(base: base))
        }
        guard let tls = server.tls else { return [listening, server.expiryService()] }
        return [listening, server.expiryService(), TLSReloadService(holder: tls, logger: logger)]
    }

    private func start(base: String) async throws -> Start {
        let now = clock.now
        // §13: the limits on asynchronous requests in force, in the audit log (written once the listener is bound).
        try await administration.appendAudit([
            AuditEvent(grantID: nil, at: now, kind: .inboxLimits, detail: asynchronous.auditDetail)
        ])
        if let created = try await Bootstrap.runIfNeeded(store: store, now: now, lifetime: bootstrapCodeLifetime) {
            try bootstrapCodeFile?.write(created)
            return Start(base: base, bootstrap: created)
        }
        let unused = try await bootstrapCodeFile?.reconcile(store: store, now: now)
        return Start(base: base, unusedBootstrapCodeExpiresAt: unused)
    }
}

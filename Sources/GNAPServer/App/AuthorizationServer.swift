import GNAP
import HTTPMessageSignatures
import Hummingbird
import Logging
import NIOCore
import ServerTLS
import ServiceLifecycle

/// The GNAP authorization server: a Hummingbird application over the AS store protocols. ``ServerAssembly`` builds
/// one ready to run (secrets, bootstrap, expiry service); tests build one directly.
public struct AuthorizationServer: Sendable {
    public let configuration: ServerConfiguration
    public let publicURL: PublicURL
    let stores: ASStores
    let clock: AnyWallClock
    let logger: Logger
    let components: ServerComponents
    let bootstrapCodeFile: BootstrapCodeFile?
    /// The TLS certificate and key, when the AS speaks TLS itself (`serve --tls-cert`); nil serves plain HTTP.
    public let tls: TLSContextHolder?

    /// - Parameters:
    ///   - stores: where grants, tokens, client instances, accounts, devices and the audit log live.
    ///   - secrets: the user-code pepper and the assertion key (``ServerSecrets/load(from:)``).
    ///   - configuration: listening address, timings and policies.
    ///   - clock: the wall clock; tests pass a ``ManualClock``.
    ///   - logger: the server's logger.
    ///   - pushTransport: sends `push` interaction finishes; default ``AsyncHTTPFinishPushTransport``.
    ///   - bootstrapCodeFile: the bootstrap code's file, removed once its code is used or expired; default none.
    ///   - tls: the TLS certificate and key; default nil (plain HTTP, for loopback or behind a proxy).
    public init<C: Clock & Sendable>(
        stores: ASStores, secrets: ServerSecrets, configuration: ServerConfiguration = ServerConfiguration(),
        clock: C, logger: Logger = Logger(label: "gnapterm.as"),
        pushTransport: any FinishPushTransport = AsyncHTTPFinishPushTransport(),
        bootstrapCodeFile: BootstrapCodeFile? = nil, tls: TLSContextHolder? = nil
    ) where C.Instant == WallInstant {
        var configuration = configuration
        configuration.requestPolicy.finish.allowsLoopbackPush = configuration.finishPush.allowsLoopback(
            listeningOn: configuration.host)
        // §7.3.2: mtls needs a client certificate, from the AS's own TLS (which asks for one) or a trusted proxy.
        if tls?.settings.requestsClientCertificates != true && configuration.trustedClientCertificateHeader == nil {
            configuration.requestPolicy.supportedProofMethods.remove("mtls")
        }
        self.configuration = configuration
        self.tls = tls
        let scheme = tls == nil ? "http" : "https"
        let explicit =
            configuration.publicURL
            ?? (configuration.port == 0 ? nil : "\(scheme)://\(configuration.host):\(configuration.port)")
        publicURL = PublicURL(explicit)
        // Every committed grant change is logged (static messages and metadata) by the grant store it goes through.
        var stores = stores
        stores.grants = GrantEventLog(store: stores.grants, logger: logger)
        self.stores = stores
        self.clock = AnyWallClock(clock)
        self.logger = logger
        self.bootstrapCodeFile = bootstrapCodeFile
        components = ServerComponents(
            stores: stores, secrets: secrets, configuration: configuration, clock: self.clock, publicURL: publicURL,
            logger: logger, pushTransport: pushTransport, bootstrapCodeFile: bootstrapCodeFile)
    }

    /// The router with every route, for in-process tests (`app.test(.router)`).
    public func router() -> Router<ASRequestContext> {
        let router = Router(context: ASRequestContext.self)
        router.add(middleware: AuditContextMiddleware())
        router.add(middleware: StoreOutageMiddleware())
        router.add(middleware: ErrorMiddleware())
        Routes.add(to: router, components)
        return router
    }

    /// The Hummingbird application. `onRunning` is called with the base URL once the listener is bound.
    public func application(onRunning: @escaping @Sendable (String) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let publicURL = publicURL
        let host = configuration.host
        let scheme = tls == nil ? "http" : "https"
        return Application(
            router: router(),
            server: LimitedHTTP1Channel.builder(limits: configuration.limits, tls: tls),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port)),
            onServerRunning: { channel in
                if !publicURL.isSet, let port = channel.localAddress?.port {
                    let shownHost = host.contains(":") ? "[\(host)]" : host
                    publicURL.set("\(scheme)://\(shownHost):\(port)")
                }
                await onRunning(publicURL.base)
            },
            logger: logger)
    }

    /// The expiry service over this server's stores and clock, to run beside ``application(onRunning:)``.
    public func expiryService(maximumSleep: Duration = .seconds(30)) -> ExpiryService {
        let attempts = configuration.codeAttempts
        return ExpiryService(
            grants: stores.grants, administration: stores.administration, nonces: stores.nonces,
            codeAttempts: stores.codeAttempts,
            codeAttemptRetention: max(attempts.perDeviceWindow, attempts.asWideWindow),
            coordination: stores.coordination, clock: clock, maximumSleep: maximumSleep, logger: logger,
            bootstrapCodeFile: bootstrapCodeFile)
    }
}

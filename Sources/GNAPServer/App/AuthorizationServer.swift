import GNAP
import HTTPMessageSignatures
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The GNAP authorization server: a Hummingbird application over a ``GrantStore``.
public struct AuthorizationServer: Sendable {
    public let configuration: ServerConfiguration
    public let publicURL: PublicURL
    let services: ASServices

    /// - Parameters:
    ///   - store: where grants, tokens, accounts and devices live.
    ///   - configuration: listening address, timings and policies.
    ///   - clock: the wall clock; tests pass a ``ManualClock``.
    ///   - logger: the server's logger.
    ///   - pushTransport: sends `push` interaction finishes; default ``AsyncHTTPFinishPushTransport``.
    public init<C: Clock & Sendable>(
        store: any GrantStore, configuration: ServerConfiguration = ServerConfiguration(), clock: C,
        logger: Logger = Logger(label: "gnapterm.as"),
        pushTransport: any FinishPushTransport = AsyncHTTPFinishPushTransport()
    ) where C.Instant == WallInstant {
        var configuration = configuration
        configuration.requestPolicy.finish.allowsLoopbackPush = configuration.finishPush.allowsLoopback(
            listeningOn: configuration.host)
        self.configuration = configuration
        let explicit =
            configuration.publicURL
            ?? (configuration.port == 0 ? nil : "http://\(configuration.host):\(configuration.port)")
        publicURL = PublicURL(explicit)
        services = ASServices(
            store: store, configuration: configuration, clock: AnyWallClock(clock), publicURL: publicURL,
            replayCache: InMemoryNonceCache(), logger: logger,
            codeAttempts: CodeAttemptGuard(policy: configuration.codeAttempts, clock: AnyWallClock(clock)),
            pushTransport: pushTransport)
    }

    /// The router with every route, for in-process tests (`app.test(.router)`).
    public func router() -> Router<ASRequestContext> {
        let router = Router(context: ASRequestContext.self)
        router.add(middleware: AuditContextMiddleware())
        router.add(middleware: ErrorMiddleware())
        Routes.add(to: router, services: services)
        return router
    }

    /// The Hummingbird application. `onRunning` is called with the base URL once the listener is bound.
    public func application(onRunning: @escaping @Sendable (String) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let publicURL = publicURL
        let host = configuration.host
        return Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port)),
            onServerRunning: { channel in
                if !publicURL.isSet, let port = channel.localAddress?.port {
                    let shownHost = host.contains(":") ? "[\(host)]" : host
                    publicURL.set("http://\(shownHost):\(port)")
                }
                await onRunning(publicURL.base)
            },
            logger: services.logger)
    }
}

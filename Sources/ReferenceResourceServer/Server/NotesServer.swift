import Foundation
import GNAP
import GNAPClient
import GNAPResourceServer
import HTTPMessageSignatures
import Hummingbird
import Logging
import ServerTLS
import ServiceLifecycle

/// The reference resource server (`gnapterm rs`): the notes API behind ``GNAPResourceServer``'s gate. It binds its
/// listener, then reads the AS's RS-facing discovery (RFC 9767 §3.1), registers the notes resource set with its own
/// key (§3.4; the key lives in its data directory) and protects the routes: introspection (§3.3) identified by the
/// instance identifier the AS gave it, offline checks of `jwt-signed` tokens with the AS's key set (§2.2), and the
/// RS-first challenge naming the resource reference (RFC 9635 §9.1). With ``NotesServerConfiguration/tls`` it
/// serves HTTPS (reloading its certificate on SIGHUP, like the AS) and checks `mtls`-bound tokens against the
/// connection's client certificate (§7.3.2).
public struct NotesServer: Sendable {
    public let configuration: NotesServerConfiguration
    let store: NotesDatabase
    let transport: any HTTPTransport
    let clock: AnyWallClock
    let logger: Logger

    /// What the RS found and did once it is registered.
    public struct Ready: Sendable {
        /// The base URL clients use.
        public var base: String
        /// The AS's grant endpoint: the `as_uri` of challenges.
        public var asURI: String
        /// The reference clients can ask for (the notes rights), offered in challenges.
        public var resourceReference: String
        /// The identifier the AS knows this RS by.
        public var instanceID: String
        /// Whether `jwt-signed` tokens are checked offline.
        public var checksStructuredTokens: Bool
    }

    public init<C: Clock & Sendable>(
        configuration: NotesServerConfiguration, store: NotesDatabase,
        transport: any HTTPTransport = AsyncHTTPTransport(), clock: C, logger: Logger
    ) where C.Instant == WallInstant {
        self.configuration = configuration
        self.store = store
        self.transport = transport
        self.clock = AnyWallClock(clock)
        self.logger = logger
    }

    /// The notes rights at `base` (RFC 9635 §8): what the RS registers and what its routes require.
    /// One object per action, so an approver can grant reading without writing.
    public static func access(base: String) -> [AccessRight] {
        ["read", "write"].map { action in
            .object(
                AccessRightObject(
                    type: NotesAccessMiddleware.accessType, actions: [action], locations: [base + "/notes"]))
        }
    }

    /// Runs until the task is cancelled, or SIGTERM or SIGINT arrive when `stopsOnSignals`. `onReady` is called once
    /// the RS is registered; a failure to register (the AS unreachable or refusing) ends the run with that error.
    public func run(
        stopsOnSignals: Bool = false, onReady: @escaping @Sendable (Ready) async -> Void = { _ in }
    ) async throws {
        let key = try await store.signingKey()
        let gate = NotesGate()
        let router = Router(context: BasicGNAPRequestContext.self)
        NotesRoutes.add(to: router, store: store, gate: gate, clock: clock)
        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, server: configuration.tls.map { .reloadableTLS(holder: $0) } ?? .http1(),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in boundContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        var services: [any Service] = [app]
        if let tls = configuration.tls { services.append(TLSReloadService(holder: tls, logger: logger)) }
        let group = ServiceGroup(
            services: services, gracefulShutdownSignals: stopsOnSignals ? [.sigterm, .sigint] : [], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { boundContinuation.finish() }
                try await group.run()
            }
            var ports = bound.makeAsyncIterator()
            guard let port = await ports.next() else {
                try await tasks.next()
                return
            }
            do {
                let ready = try await register(key: key, port: port, gate: gate)
                await onReady(ready)
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
            try await tasks.waitForAll()
        }
    }

    private func register(key: SigningKey, port: Int, gate: NotesGate) async throws -> Ready {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let base = configuration.publicURL ?? "\(configuration.scheme)://\(host):\(port)"
        let discovery: ResourceServerDiscovery
        do {
            discovery = try await ResourceServerDiscovery.fetch(
                asBase: configuration.asBase, transport: transport, allowHTTP: configuration.allowsHTTP)
        } catch {
            throw NotesServerError(
                "cannot read the AS's resource server discovery at \(configuration.asBase): \(error)")
        }
        guard let registration = discovery.resourceRegistrationEndpoint,
            let introspection = discovery.introspectionEndpoint
        else {
            throw NotesServerError("the AS at \(configuration.asBase) offers no resource registration or introspection")
        }
        let access = Self.access(base: base)
        let registered: ResourceSetRegistrationResponse
        do {
            registered = try await ResourceSetRegistrar(
                endpoint: registration, key: key, transport: transport, clock: clock
            ).register(access, introspectionRequired: true)
        } catch {
            throw NotesServerError("the AS did not register the notes resource set: \(error)")
        }
        let identification: ResourceServerIdentification? = registered.instanceID.map { .reference($0) }
        let introspector = try RemoteTokenIntrospector(
            endpoint: registered.introspectionEndpoint ?? introspection, key: key, identification: identification,
            transport: transport, clock: clock)
        var structuredKeys: (any VerificationKeySource)?
        if discovery.tokenFormatsSupported?.contains(TokenFormat.jwtSigned) == true, let jwks = discovery.jwksURI {
            structuredKeys = RemoteJWKSetSource(url: jwks, transport: transport, clock: clock)
        }
        let objects = access.compactMap { right -> AccessRightObject? in
            if case .object(let object) = right { object } else { nil }
        }
        let settings = ResourceServerConfiguration(
            asURI: discovery.grantRequestEndpoint, publicURL: base, accessReference: registered.resourceReference,
            revalidationInterval: configuration.revalidationInterval,
            referenceMeanings: [registered.resourceReference: objects],
            // The AS names a token's audience by the origins of its rights' locations (RFC 9767 §2.1.3).
            acceptedAudiences: [base.lowercased()],
            trustedClientCertificateHeader: configuration.trustedClientCertificateHeader)
        let resourceGate = try ResourceServerGate(
            configuration: settings, introspector: introspector, structuredKeys: structuredKeys, clock: clock)
        gate.set(NotesGate.Ready(gate: resourceGate, location: base + "/notes"))
        return Ready(
            base: base, asURI: discovery.grantRequestEndpoint, resourceReference: registered.resourceReference,
            instanceID: registered.instanceID ?? "", checksStructuredTokens: structuredKeys != nil)
    }
}

/// Why the reference RS could not start, in a sentence.
public struct NotesServerError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }

    /// The server ended before it was registered, without saying why.
    public static let stoppedBeforeReady = NotesServerError("the resource server stopped before it was ready")
}

import GNAP
import HTTPTypes

/// How the AS runs. Every parameter has a documented default suitable for a loopback demo.
public struct ServerConfiguration: Sendable {
    /// Address to listen on.
    public var host: String
    /// Port to listen on; 0 picks a free port (the bound port is then used in every URL the AS hands out).
    public var port: Int
    /// The externally visible base URL (scheme and authority, no path), used for the URIs the AS returns and for
    /// checking `@target-uri` in signatures. Nil means `http://host:port` with the bound port.
    public var publicURL: String?
    /// How long a user code (the interaction) stays usable (RFC 9635 §3.3.3: "several minutes").
    public var interactionLifetime: Duration
    /// The `wait` sent with every `continue` (RFC 9635 §3.1: SHOULD NOT be less than 5 seconds).
    public var pollInterval: Int
    /// Lifetime of issued access tokens (`expires_in`).
    public var accessTokenLifetime: Duration
    /// Lifetime of the bootstrap enrollment code created on first start.
    public var bootstrapCodeLifetime: Duration
    /// What one connection and one request may take (body, headers, JSON depth, timeouts, connections).
    public var limits: RequestLimits
    /// What grant requests may ask for.
    public var requestPolicy: GrantRequestPolicy
    /// Human descriptions of access-right types and references, shown to approvers.
    public var catalog: AccessCatalog
    /// Lifetime of the `id_token` assertions the AS signs (§3.4.1).
    public var assertionLifetime: Duration
    /// Brute-force limits on user-code entry (per approver device and AS-wide).
    public var codeAttempts: CodeAttemptPolicy
    /// Lifetime of the enrollment codes of `POST /admin/v1/accounts/{username}/invitations`.
    public var invitationLifetime: Duration
    /// The live event stream (`GET /admin/v1/events`).
    public var events: EventStreamConfiguration
    /// Which issued tokens are flagged `durable` and so survive a modification of their grant (RFC 9635 §3.2.1).
    public var durableTokens: DurableTokenPolicy
    /// How `push` interaction finishes are sent (RFC 9635 §4.2.2). Default ``FinishPushSettings/init(loopback:timeout:approverWait:)``.
    public var finishPush = FinishPushSettings()
    /// The replay cache's bound per key. Default ``ReplayPolicy/init(noncesPerKey:)``.
    public var replay = ReplayPolicy()
    /// The header a TLS-terminating proxy in front of the AS puts the client certificate in (RFC 9440 `Client-Cert`
    /// form), for `mtls` (RFC 9635 §7.3.2). Nil (the default) trusts no header: certificates come only from the AS's
    /// own TLS connections. Dangerous when misconfigured: anyone who can reach the AS without passing that proxy, or
    /// a proxy that forwards the header from clients, can claim any certificate (docs/security.md).
    public var trustedClientCertificateHeader: String?

    /// Where client certificates come from, by ``trustedClientCertificateHeader``.
    var clientCertificateOrigin: ClientCertificateSource.Origin {
        guard let header = trustedClientCertificateHeader, let name = HTTPField.Name(header) else { return .tls }
        return .trustedHeader(name)
    }
    /// The RS-facing API and token formats (RFC 9767). Default ``ResourceServerSettings/init(offersIntrospection:offersRegistration:allowsDynamicResourceServers:tokenFormat:allowsTokenChaining:derivedTokenLifetime:)``.
    public var resourceServers = ResourceServerSettings()
    /// Asynchronous requests (RFC 9635 §1.6.3) and their limits. Default
    /// ``AsynchronousPolicy/init(allowsDynamicClients:limits:)``.
    public var asynchronous = AsynchronousPolicy()
    /// What the operator allows each pre-registered client (agent, asynchronous requests, standing access), by id;
    /// ``ServerAssembly`` fills it from `--clients`. Default empty.
    public var clientPolicies: [String: ClientPolicy] = [:]

    /// - Parameters:
    ///   - host: default `127.0.0.1`.
    ///   - port: default 8080.
    ///   - publicURL: default nil (derived from host and bound port).
    ///   - interactionLifetime: default 10 minutes.
    ///   - pollInterval: default 5 seconds.
    ///   - accessTokenLifetime: default 1 hour.
    ///   - bootstrapCodeLifetime: default 24 hours.
    ///   - limits: default ``RequestLimits`` with its defaults.
    ///   - requestPolicy: default ``GrantRequestPolicy`` with its defaults.
    ///   - catalog: default ``AccessCatalog/demo``.
    ///   - assertionLifetime: default 5 minutes.
    ///   - codeAttempts: default ``CodeAttemptPolicy`` with its defaults (5 failures per device per 15 minutes, 60
    ///     failures AS-wide per minute).
    ///   - invitationLifetime: default 24 hours.
    ///   - events: default ``EventStreamConfiguration`` with its defaults.
    ///   - durableTokens: default ``DurableTokenPolicy/all``.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil,
        interactionLifetime: Duration = .seconds(600), pollInterval: Int = 5,
        accessTokenLifetime: Duration = .seconds(3600), bootstrapCodeLifetime: Duration = .seconds(86_400),
        limits: RequestLimits = RequestLimits(), requestPolicy: GrantRequestPolicy = GrantRequestPolicy(),
        catalog: AccessCatalog = .demo, assertionLifetime: Duration = .seconds(300),
        codeAttempts: CodeAttemptPolicy = CodeAttemptPolicy(), invitationLifetime: Duration = .seconds(86_400),
        events: EventStreamConfiguration = EventStreamConfiguration(),
        durableTokens: DurableTokenPolicy = .all
    ) {
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.interactionLifetime = interactionLifetime
        self.pollInterval = pollInterval
        self.accessTokenLifetime = accessTokenLifetime
        self.bootstrapCodeLifetime = bootstrapCodeLifetime
        self.limits = limits
        self.requestPolicy = requestPolicy
        self.catalog = catalog
        self.assertionLifetime = assertionLifetime
        self.codeAttempts = codeAttempts
        self.invitationLifetime = invitationLifetime
        self.events = events
        self.durableTokens = durableTokens
    }
}

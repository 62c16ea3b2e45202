import ArgumentParser
import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import Logging
import ServiceLifecycle
import TerminalSession

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the authorization server (state in SQLite under --data-dir, or in PostgreSQL with --database).")

    @Option(help: "Address to listen on, HOST:PORT.")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "Directory for the AS database (created if missing); with --database, for the bootstrap code file.")
    var dataDir: String?

    @OptionGroup var database: ASBackend.Options

    @Option(help: "Public base URL if clients reach the AS under another address (e.g. behind a proxy).")
    var publicURL: String?

    @Option(help: "Seconds clients must wait between polls (RFC 9635 'wait').")
    var pollInterval: Int = 5

    @Option(help: "Seconds a user code stays valid.")
    var codeLifetime: Int = 600

    @Option(help: "Failed user-code entries an approver device may make per 15 minutes before it is locked out.")
    var maxCodeFailures: Int = CodeAttemptPolicy().perDeviceLimit

    @Option(help: "Failed user-code entries the whole AS accepts per minute (protects every pending code).")
    var maxCodeFailuresPerMinute: Int = CodeAttemptPolicy().asWideLimit

    @Flag(help: "Issue bearer tokens (not bound to a key) to clients that ask for them (RFC 9635 'bearer' flag).")
    var allowBearerTokens = false

    @Option(
        help: ArgumentHelp(
            "Which tokens survive a modification of their grant (RFC 9635 'durable' flag).",
            discussion: "'all', 'none', or a comma-separated list of access types.", valueName: "all|none|TYPES"))
    var durableTokens: String = "all"

    @Option(help: "Signed requests one key may make within its signature window (about 6 minutes) before it gets 429.")
    var maxSignaturesPerKey: Int = ReplayPolicy().noncesPerKey

    @Option(
        help: ArgumentHelp(
            "JSON file of pre-registered client instances: ids, keys, vetted display names (format and example: "
                + "README, \"Pre-registered clients\")."))
    var clients: String?

    @Option(
        help: ArgumentHelp(
            "JSON file describing access types and reference strings for approvers (format and example: README, "
                + "\"Access catalog\")."))
    var accessCatalog: String?

    @OptionGroup(title: "Resource servers (RFC 9767)") var resourceServerOptions: ResourceServerOptions

    @Option(
        help: ArgumentHelp(
            "File with the key that wraps the AS's secrets at rest (base64 of 32 random bytes, mode 0600).",
            discussion:
                "Without it, the key is read from $\(SecretsKeyFile.environmentVariable) if set; without either, "
                + "the secrets are stored in clear (docs/security.md)."))
    var secretsKeyFile: String?

    @OptionGroup(title: "Request limits") var requestLimits: RequestLimitOptions

    @OptionGroup(title: "TLS and client certificates") var tls: TLSOptions

    @OptionGroup(title: "Interaction finish pushes") var push: PushOptions

    @OptionGroup(title: "Asynchronous requests") var asynchronous: AsynchronousServeOptions

    func validate() throws {
        guard (1...3600).contains(pollInterval) else { throw ValidationError("--poll-interval must be 1 to 3600") }
        guard (1...86_400).contains(codeLifetime) else { throw ValidationError("--code-lifetime must be 1 to 86400") }
        guard (1...1000).contains(maxCodeFailures) else {
            throw ValidationError("--max-code-failures must be 1 to 1000")
        }
        guard (1...100_000).contains(maxCodeFailuresPerMinute) else {
            throw ValidationError("--max-code-failures-per-minute must be 1 to 100000")
        }
        guard (1...1_000_000).contains(maxSignaturesPerKey) else {
            throw ValidationError("--max-signatures-per-key must be 1 to 1000000")
        }
        guard dataDir != nil || database.database != nil else {
            throw ValidationError("give --data-dir DIR (SQLite) or --database postgres://USER@HOST:PORT/DB")
        }
        _ = try database.location()
        do {
            _ = try ListenAddress(parsing: listen)
        } catch {
            throw ValidationError(error.description)
        }
        do {
            _ = try DurableTokenPolicy(parsing: durableTokens)
        } catch {
            throw ValidationError(error.description)
        }
        try resourceServerOptions.check()
    }

    func run() async throws {
        let address = try ListenAddress(parsing: listen)
        let directory = dataDir.map { URL(fileURLWithPath: $0) }
        var logger = Logger(label: "gnapterm.as")
        logger.logLevel = .info
        // Read the configuration files and the secrets key before touching the store, so a bad file changes nothing.
        let catalog = try accessCatalog.map { path in
            try Self.load(path, what: "access catalog") { bytes throws(ConfigurationFileError) in
                try AccessCatalog.load(from: bytes)
            }
        }
        let registry = try clients.map { path in
            try Self.load(path, what: "client registry") { bytes throws(ConfigurationFileError) in
                try ClientRegistry.load(from: bytes)
            }
        }
        let tlsContext = try tls.contextHolder()
        let pushTransport = try push.transport()
        let resourceServers = try resourceServerOptions.resourceServers.map { path in
            try Self.load(path, what: "resource server registry") { bytes throws(ConfigurationFileError) in
                try ResourceServerRegistry.load(from: bytes, now: WallClock().now)
            }
        }
        let secretsKey = try SecretsKeyFile.resolve(
            path: secretsKeyFile, environment: ProcessInfo.processInfo.environment)
        let location = try database.location()
        let lock: DataDirectoryLock?
        let backend: ASBackend
        do {
            if let directory, location != nil {
                // With --database only the bootstrap code file goes there; SQLite makes its directory itself.
                try FileManager.default.createDirectory(
                    at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            // One AS per SQLite data directory: held until this process ends. With --database the instances
            // coordinate through the database and the directory only receives the bootstrap code file, so several
            // may share it.
            lock = try directory.flatMap { location == nil ? try DataDirectoryLock.acquire(directory: $0) : nil }
            if let location {
                backend = try await ASBackend.postgres(location, logger: logger)
            } else if let directory {
                backend = try ASBackend.sqlite(directory: directory)
            } else {
                throw ValidationError("give --data-dir DIR (SQLite) or --database postgres://USER@HOST:PORT/DB")
            }
        } catch {
            StandardStreams.err("gnapterm serve: \(ErrorSentence.describe(error))\n")
            throw ExitCode(1)
        }
        defer { withExtendedLifetime(lock) {} }
        logger.info("AS state", metadata: ["backend": "\(backend.description)"])
        StandardStreams.out("AS state in \(backend.description)\n")
        if EventLoopExecutor.isInstalled {
            logger.info("Swift concurrency runs on NIO's event loops (decision 72)")
        }
        var configuration = ServerConfiguration(
            host: address.host, port: address.port, publicURL: publicURL,
            interactionLifetime: .seconds(codeLifetime), pollInterval: pollInterval, limits: requestLimits.limits,
            requestPolicy: GrantRequestPolicy(allowsBearerTokens: allowBearerTokens), catalog: catalog ?? .demo,
            codeAttempts: CodeAttemptPolicy(perDeviceLimit: maxCodeFailures, asWideLimit: maxCodeFailuresPerMinute),
            durableTokens: try DurableTokenPolicy(parsing: durableTokens))
        configuration.requestPolicy.finish.pushHosts = push.hosts
        configuration.trustedClientCertificateHeader = tls.trustClientCertHeader
        configuration.replay = ReplayPolicy(noncesPerKey: maxSignaturesPerKey)
        resourceServerOptions.apply(to: &configuration.resourceServers)
        configuration.asynchronous = asynchronous.policy
        if let files = RequestLimits.openFileSoftLimit, !configuration.limits.fitsOpenFileLimit(files) {
            logger.warning(
                "--max-connections does not fit the open-file limit (ulimit -n); raise the limit or lower the option",
                metadata: ["max-connections": "\(configuration.limits.maximumConnections)", "open-files": "\(files)"])
        }
        let codeFile = directory.map { BootstrapCodeFile(directory: $0) }
        let assembly = try await ServerAssembly.assemble(
            store: backend.store, coordination: backend.coordination, configuration: configuration,
            clock: WallClock(), logger: logger, clients: registry, resourceServers: resourceServers,
            secretsKey: secretsKey, bootstrapCodeFile: codeFile, pushTransport: pushTransport, tls: tlsContext)
        if let count = assembly.registeredClients {
            StandardStreams.out("Registered \(count) pre-registered client(s).\n")
        }
        if let count = assembly.registeredResourceServers {
            StandardStreams.out("Registered \(count) pre-registered resource server(s).\n")
        }
        let services = assembly.services { start in
            StandardStreams.out(Self.bootstrapNotice(start, file: codeFile))
            StandardStreams.out("gnapterm AS listening on \(start.base) (grant endpoint \(start.base)/gnap)\n")
        }
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch {
            await backend.close()
            throw error
        }
        await backend.close()
    }

    /// What a start says about the first admin's enrollment code: the code itself only when this start created it; a
    /// reminder of the file while an earlier code is unused and valid; nothing once it was used or expired.
    static func bootstrapNotice(_ start: ServerAssembly.Start, file: BootstrapCodeFile?) -> String {
        if let bootstrap = start.bootstrap {
            let written =
                file.map { "(also written to \($0.url.path), which is removed once the code is used or expired)\n" }
                ?? ""
            return """
                First start: created the account 'admin'.
                Enroll its first approver terminal with this one-time code (valid until \(bootstrap.expiresAt.iso8601)):

                    \(bootstrap.code.display)

                \(written)
                """
        }
        if let expiresAt = start.unusedBootstrapCodeExpiresAt, let file {
            return "The first admin terminal is not enrolled yet: its one-time code is in \(file.url.path) "
                + "(valid until \(expiresAt.iso8601)).\n"
        }
        return ""
    }

    /// Reads and parses a configuration file; any problem is an error naming the file.
    private static func load<T>(
        _ path: String, what: String, _ parse: ([UInt8]) throws(ConfigurationFileError) -> T
    ) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the \(what) file '\(path)'")
        }
        do {
            return try parse([UInt8](data))
        } catch {
            throw ValidationError("the \(what) file '\(path)' is not usable: \(error.description)")
        }
    }
}

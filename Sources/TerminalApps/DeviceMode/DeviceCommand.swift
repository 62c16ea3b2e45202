import GNAP
import GNAPClient
import HTTPMessageSignatures

/// `gnapterm device`: a headless client instance that requests access with a user code and waits for it.
///
/// Exit status: 0 granted, 3 denied, 4 expired, 1 any other failure (one line on stderr).
public struct DeviceCommand<C: Clock & Sendable>: Sendable where C.Instant == WallInstant {
    public static var exitGranted: Int32 { 0 }
    public static var exitFailure: Int32 { 1 }
    public static var exitDenied: Int32 { 3 }
    public static var exitExpired: Int32 { 4 }

    public var server: String
    /// The RFC 9635 `access` array, as JSON text.
    public var accessJSON: String
    public var displayName: String
    /// One JSON object per line on stdout instead of the human display.
    public var json: Bool
    public let transport: any HTTPTransport
    public let keyStore: any ClientKeyStore
    public let clock: C
    /// Write text (line breaks included by the caller) to standard output / standard error.
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void
    /// Whether standard error is a terminal (then the countdown line is redrawn in place).
    public var stderrIsTerminal: Bool
    /// The interaction start modes to ask for (RFC 9635 §2.5.1).
    public var startModes: [String]
    /// The interaction finish method to ask for (§2.5.2): the device then listens on loopback for the callback.
    public var finish: FinishMethod?

    public init(
        server: String, accessJSON: String, displayName: String, json: Bool, transport: any HTTPTransport,
        keyStore: any ClientKeyStore, clock: C, stdout: @escaping @Sendable (String) -> Void,
        stderr: @escaping @Sendable (String) -> Void, stderrIsTerminal: Bool,
        startModes: [String] = DeviceFlow<C>.defaultStartModes, finish: FinishMethod? = nil
    ) {
        self.server = server
        self.accessJSON = accessJSON
        self.displayName = displayName
        self.json = json
        self.transport = transport
        self.keyStore = keyStore
        self.clock = clock
        self.stdout = stdout
        self.stderr = stderr
        self.stderrIsTerminal = stderrIsTerminal
        self.startModes = startModes
        self.finish = finish
    }

    /// The name of the device's key in the local store.
    public static var keyName: String { "device" }

    public func run() async -> Int32 {
        do {
            return try await runFlow()
        } catch let error as SessionError {
            stderr("gnapterm device: \(error)\n")
        } catch let error as GNAPClientError {
            stderr("gnapterm device: \(error)\n")
        } catch is CancellationError {
            stderr("gnapterm device: cancelled\n")
        } catch {
            stderr("gnapterm device: \(error)\n")
        }
        return Self.exitFailure
    }

    /// Parses the `--access` value: an RFC 9635 §8 `access` array.
    public static func parseAccess(_ text: String) throws(SessionError) -> [AccessRight] {
        let rights: [AccessRight]
        do {
            rights = try GNAPJSON.decodeRequest([AccessRight].self, from: Array(text.utf8))
        } catch {
            throw .invalidAccess(error.errorDescription ?? "not a JSON array of access rights")
        }
        guard !rights.isEmpty else { throw .invalidAccess("the access array is empty") }
        return rights
    }

    /// Parses the `--interact` value: comma-separated start modes of RFC 9635 §2.5.1.
    public static func parseStartModes(_ text: String) throws(SessionError) -> [String] {
        let known = [StartMode.redirect, StartMode.app, StartMode.userCode, StartMode.userCodeURI]
        var modes: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let mode = part.trimmingCharacters(in: .whitespaces)
            guard known.contains(mode) else {
                throw SessionError(
                    "unknown interaction start mode '\(mode)'; use one or more of \(known.joined(separator: ", "))")
            }
            if !modes.contains(mode) { modes.append(mode) }
        }
        return modes
    }

    private func runFlow() async throws -> Int32 {
        let rights = try Self.parseAccess(accessJSON)
        let base = try ServerAddress.normalize(server)
        let key = try await loadKey()
        let discovery = try await GrantClient.discover(base: base, transport: transport)
        // With a finish method the AS calls back (push) or sends the person's browser (redirect) to a loopback URI.
        guard let finish else { return try await runFlow(rights, base: base, key: key, discovery: discovery) }
        let listener = try await FinishListener.start()
        do {
            let status = try await runFlow(
                rights, base: base, key: key, discovery: discovery,
                finish: (DeviceFlow<C>.finish(finish, listener: listener), listener))
            await listener.stop()
            return status
        } catch {
            await listener.stop()
            throw error
        }
    }

    private func runFlow(
        _ rights: [AccessRight], base: String, key: SigningKey, discovery: DiscoveryInfo,
        finish: (request: InteractFinish, listener: FinishListener)? = nil
    ) async throws -> Int32 {
        let flow = DeviceFlow(client: GrantClient(transport: transport, key: key, clock: clock), clock: clock)
        let listener = finish?.listener
        let request = try flow.grantRequest(
            access: [AccessTokenRequest(access: rights)], display: ClientDisplay(name: displayName),
            startModes: startModes, finish: finish?.request)
        let display = DeviceProgressDisplay(
            serverURL: base, json: json, stdout: stdout, stderr: stderr, stderrIsTerminal: stderrIsTerminal,
            clock: clock)
        let outcome = try await display.whileRunning {
            try await flow.run(request, endpoint: discovery.grantRequestEndpoint, listener: listener) { event in
                await display.show(event)
            }
        }
        switch outcome {
        case .granted(let response):
            display.finish(.approved)
            stdout((json ? DeviceOutput.granted(response) : DeviceOutput.tokens(response)) + "\n")
            return Self.exitGranted
        case .denied(let error):
            display.finish(.denied)
            if json { stdout(DeviceOutput.denied(error) + "\n") }
            stderr("gnapterm device: the request was denied" + (error.errorDescription.map { " (\($0))" } ?? "") + "\n")
            return Self.exitDenied
        case .expired:
            display.finish(.expired)
            if json { stdout(DeviceOutput.expired + "\n") }
            let usesCode = startModes.contains(StartMode.userCode) || startModes.contains(StartMode.userCodeURI)
            stderr("gnapterm device: the \(usesCode ? "code" : "request") expired before anyone approved it\n")
            return Self.exitExpired
        }
    }

    /// The device's Ed25519 key, generated on first use and kept in the local store (mode 0600).
    private func loadKey() async throws -> SigningKey {
        var key: SigningKey
        if let stored = try await keyStore.clientKey(name: Self.keyName) {
            key = try SigningKey(jwk: stored)
        } else {
            key = .generateEd25519()
            try await keyStore.saveClientKey(name: Self.keyName, jwk: try key.privateJWK())
        }
        // RFC 9635 §7.3.1: keyid is the JWK's kid; the thumbprint is a stable, unique choice.
        key.keyID = try key.publicJWK().thumbprint()
        return key
    }
}

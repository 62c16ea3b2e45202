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

    /// How progress is shown.
    public enum Display: Sendable {
        /// One JSON object per line on stdout (`--json`).
        case json
        /// A display for a person, which shows the flow while it runs (TerminalApps has plain lines on stderr and
        /// the full screen: `.plain`, `.fullScreen(_:)`, `.screen(_:)`).
        case person(any DeviceFlowDisplay)
    }

    public var server: String
    /// The RFC 9635 `access` array, as JSON text.
    public var accessJSON: String
    public var displayName: String
    public var display: Display
    /// Write the tokens to this file (mode 0600, no symbolic links) instead of stdout.
    public var outputPath: String?
    public let transport: any HTTPTransport
    public let keyStore: any ClientKeyStore
    /// Where the granted tokens are kept for `gnapterm device token` (nil: not kept).
    public let grantStore: (any DeviceGrantStore)?
    public let clock: C
    /// Write text (line breaks included by the caller) to standard output / standard error.
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void
    /// The interaction start modes to ask for (RFC 9635 §2.5.1).
    public var startModes: [String]
    /// The interaction finish method to ask for (§2.5.2): the device then listens on loopback for the callback.
    public var finish: FinishMethod?
    /// How the device proves its key (§7.3) and trusts the AS's certificate.
    public var proof: DeviceProofSettings
    /// Makes a transport with TLS settings (a client certificate, a private CA), when ``proof`` needs them.
    public var tlsTransport: (@Sendable (ClientTLS) -> any HTTPTransport)?
    /// `--user`: the user to ask on their own terminal (RFC 9635 §1.6.3), an e-mail address or an opaque id. With no
    /// start modes the request is asynchronous only; with start modes it can be reached both ways.
    public var user: String? = nil
    /// `--agent`, `--task`: the automated agent behind the request, as it describes itself (`gnapterm_agent`).
    public var agent: AgentDescription? = nil

    public init(
        server: String, accessJSON: String, displayName: String, display: Display, outputPath: String? = nil,
        transport: any HTTPTransport, keyStore: any ClientKeyStore, grantStore: (any DeviceGrantStore)? = nil,
        clock: C, stdout: @escaping @Sendable (String) -> Void, stderr: @escaping @Sendable (String) -> Void,
        startModes: [String] = DeviceFlow<C>.defaultStartModes, finish: FinishMethod? = nil,
        proof: DeviceProofSettings = DeviceProofSettings(),
        tlsTransport: (@Sendable (ClientTLS) -> any HTTPTransport)? = nil
    ) {
        self.server = server
        self.accessJSON = accessJSON
        self.displayName = displayName
        self.display = display
        self.outputPath = outputPath
        self.transport = transport
        self.keyStore = keyStore
        self.grantStore = grantStore
        self.clock = clock
        self.stdout = stdout
        self.stderr = stderr
        self.startModes = startModes
        self.finish = finish
        self.proof = proof
        self.tlsTransport = tlsTransport
    }

    /// The name of the device's key in the local store.
    public static var keyName: String { "device" }

    public func run() async -> Int32 {
        do {
            return try await runFlow()
        } catch {
            stderr(CommandFailure.line("device", error))
            return Self.exitFailure
        }
    }

    /// Parses the `--access` value: an RFC 9635 §8 `access` array.
    public static func parseAccess(_ text: String) throws(SessionError) -> [AccessRight] {
        let rights: [AccessRight]
        do {
            rights = try GNAPJSON.decodeRequest([AccessRight].self, from: Array(text.utf8), root: "the access array")
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

    private var json: Bool {
        if case .json = display { return true }
        return false
    }

    private func runFlow() async throws -> Int32 {
        let rights = try Self.parseAccess(accessJSON)
        let base = try ServerAddress.normalize(server)
        // A bad --output fails here, before anyone is asked to approve anything.
        let output = try outputPath.map(TokenOutputFile.open)
        do {
            let status = try await runFlow(rights, base: base, output: output)
            if status != Self.exitGranted { output?.discard() }
            return status
        } catch {
            output?.discard()
            throw error
        }
    }

    private func runFlow(_ rights: [AccessRight], base: String, output: TokenOutputFile?) async throws -> Int32 {
        let credentials = try await DeviceCredentials.make(proof) { try await loadKey() }
        let client = try credentials.grantClient(
            transport: transport, tlsTransport: tlsTransport, clock: clock, method: proof.method)
        let discovery = try await GrantClient.discover(base: base, transport: client.client.transport)
        // Shown and kept as the AS names itself, whichever address reached it (`localhost` or `127.0.0.1`): the
        // address of the user-code page and the one an approver's enrollment is known by.
        let base = ServerAddress.publicBase(of: discovery) ?? base
        if let offered = discovery.keyProofsSupported, !offered.contains(proof.method.rawValue) {
            throw SessionError(
                "the AS does not accept the proof method '\(proof.method.rawValue)'; it offers "
                    + offered.joined(separator: ", "))
        }
        // With a finish method the AS calls back (push) or sends the person's browser (redirect) to a loopback URI.
        guard let finish else {
            return try await runFlow(rights, base: base, client: client, discovery: discovery, output: output)
        }
        let listener = try await FinishListener.start()
        do {
            let status = try await runFlow(
                rights, base: base, client: client, discovery: discovery, output: output,
                finish: (DeviceFlow<C>.finish(finish, listener: listener), listener))
            await listener.stop()
            return status
        } catch {
            await listener.stop()
            throw error
        }
    }

    private func runFlow(
        _ rights: [AccessRight], base: String, client: GrantClient, discovery: DiscoveryInfo,
        output: TokenOutputFile?, finish: (request: InteractFinish, listener: FinishListener)? = nil
    ) async throws -> Int32 {
        let flow = DeviceFlow(client: client, clock: clock)
        let listener = finish?.listener
        let request = try DeviceRequest.make(
            flow, access: [AccessTokenRequest(access: rights)], display: ClientDisplay(name: displayName),
            startModes: startModes, finish: finish?.request, user: user, agent: agent)
        let endpoint = discovery.grantRequestEndpoint
        let outcome: DeviceFlow<C>.Outcome
        switch display {
        case .json:
            let stdout = stdout
            outcome = try await flow.run(request, endpoint: endpoint, listener: listener) { event in
                if let line = DeviceOutput.progress(event) { stdout(line + "\n") }
            }
        case .person(let screen):
            let ended = try await screen.run(serverURL: base, clock: clock, stderr: stderr) { report in
                try await flow.run(request, endpoint: endpoint, listener: listener) { report($0) }
            }
            guard let ended else { throw CancellationError() }
            outcome = ended
        }
        switch outcome {
        case .granted(let response):
            return try await deliver(response, server: base, output: output)
        case .denied(let error):
            if json { stdout(DeviceOutput.denied(error) + "\n") }
            stderr("gnapterm device: the request was denied" + (error.errorDescription.map { " (\($0))" } ?? "") + "\n")
            return Self.exitDenied
        case .expired:
            if json { stdout(DeviceOutput.expired + "\n") }
            let usesCode = startModes.contains(StartMode.userCode) || startModes.contains(StartMode.userCodeURI)
            stderr("gnapterm device: the \(usesCode ? "code" : "request") expired before anyone approved it\n")
            return Self.exitExpired
        }
    }

    /// Keeps the grant for `gnapterm device token`, then writes the tokens to the output file or stdout. A failure
    /// to write the file leaves the grant stored (and says how to see it).
    private func deliver(_ response: GrantResponse, server: String, output: TokenOutputFile?) async throws -> Int32 {
        if let grantStore {
            let record = DeviceGrantRecord(
                server: server, receivedAt: clock.now, accessToken: response.accessToken, subject: response.subject,
                proof: proof, instanceID: response.instanceID)
            try await grantStore.saveDeviceGrant(record, name: Self.keyName)
        }
        if json { stdout(DeviceOutput.granted(response) + "\n") }
        guard let output else {
            if !json { stdout(DeviceOutput.tokens(response) + "\n") }
            return Self.exitGranted
        }
        do {
            try output.write(DeviceOutput.tokens(response) + "\n")
        } catch {
            let hint = grantStore == nil ? "" : "; the grant is stored: gnapterm device token show"
            stderr("gnapterm device: \(error)\(hint)\n")
            return Self.exitFailure
        }
        if case .person(let screen) = display { stderr("Tokens written to \(screen.printable(output.path))\n") }
        return Self.exitGranted
    }

    /// The device's Ed25519 key, generated on first use and kept in the local store (mode 0600).
    private func loadKey() async throws -> SigningKey { try await DeviceKey.load(from: keyStore, name: Self.keyName) }
}

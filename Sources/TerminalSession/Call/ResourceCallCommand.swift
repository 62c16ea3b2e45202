import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures

/// `gnapterm call`: curl for GNAP. Calls a resource server with the device's stored token, proving the request
/// with the device's key by the token key's proofing method (RFC 9635 §7.2, §7.3): the method the device stored with
/// the grant, else ``proof``, else httpsig, through the device's own credentials (``DeviceCredentials``: for mtls the
/// client certificate the grant was made with). Without a token, or when the RS refuses the one it has with a
/// challenge, it follows the RS-first challenge (§9.1): it asks the AS in `as_uri` for the access the RS names, with
/// the device flow of `gnapterm device`, then retries once with the new token.
///
/// Exit status: 0 when the RS answered 2xx, 5 when it answered anything else, 3 when the request for access was
/// denied, 4 when it expired, 1 any other failure.
public struct ResourceCallCommand<C: Clock & Sendable>: Sendable where C.Instant == WallInstant {
    public static var exitSuccess: Int32 { 0 }
    public static var exitFailure: Int32 { 1 }
    public static var exitRefused: Int32 { 5 }

    public var url: String
    public var method: String
    /// JSON content to send, as text.
    public var data: String?
    /// One JSON object per line on stdout (the device flow's lines, then the answer) instead of the body.
    public var json: Bool
    /// How the device flow is shown if it must run (`.json` with `json`).
    public var deviceDisplay: DeviceCommand<C>.Display
    public var displayName: String
    public var startModes: [String]
    /// Whether a refusal with a challenge starts the device flow; when false the refusal is the answer.
    public var requestsAccess: Bool
    /// `--proof`, `--cert`, `--key`, `--ca`: how to prove the key when the device flow must run, and the method the
    /// stored token must be bound to. Nil members take the stored grant's (then httpsig).
    public var proof: ProofChoice
    /// Makes a transport with TLS settings (a client certificate, a private CA), when the proof needs them.
    public var tlsTransport: (@Sendable (ClientTLS) -> any HTTPTransport)?
    public let transport: any HTTPTransport
    public let keyStore: any ClientKeyStore
    public let grantStore: any DeviceGrantStore
    public let clock: C
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void

    public init(
        url: String, method: String = "GET", data: String? = nil, json: Bool, deviceDisplay: DeviceCommand<C>.Display,
        displayName: String, startModes: [String] = DeviceFlow<C>.defaultStartModes, requestsAccess: Bool = true,
        proof: ProofChoice = ProofChoice(), transport: any HTTPTransport,
        tlsTransport: (@Sendable (ClientTLS) -> any HTTPTransport)? = nil,
        keyStore: any ClientKeyStore, grantStore: any DeviceGrantStore, clock: C,
        stdout: @escaping @Sendable (String) -> Void, stderr: @escaping @Sendable (String) -> Void
    ) {
        self.url = url
        self.method = method
        self.data = data
        self.json = json
        self.deviceDisplay = deviceDisplay
        self.displayName = displayName
        self.startModes = startModes
        self.requestsAccess = requestsAccess
        self.proof = proof
        self.transport = transport
        self.tlsTransport = tlsTransport
        self.keyStore = keyStore
        self.grantStore = grantStore
        self.clock = clock
        self.stdout = stdout
        self.stderr = stderr
    }

    public func run() async -> Int32 {
        do {
            return try await call()
        } catch {
            stderr(CommandFailure.line("call", error))
            return Self.exitFailure
        }
    }

    /// Checks the arguments: an http(s) URL, a method name, JSON content.
    public static func check(url: String, method: String, data: String?) throws(SessionError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            parsed.host != nil
        else { throw SessionError("'\(url)' is not an http(s) URL") }
        guard ResourceClient.isMethod(method) else { throw SessionError("'\(method)' is not an HTTP method") }
        if let data, (try? JSONSerialization.jsonObject(with: Data(data.utf8), options: [.fragmentsAllowed])) == nil {
            throw SessionError("--data is not JSON")
        }
    }

    private func call() async throws -> Int32 {
        try Self.check(url: url, method: method, data: data)
        let verb = method.uppercased()
        let content = Array((data ?? "").utf8)
        let settings = try await proofSettings()
        let credentials = try await DeviceCredentials.make(settings) { try await DeviceKey.load(from: keyStore) }
        let client = ResourceClient(
            transport: try credentials.transport(default: transport, tlsTransport: tlsTransport), clock: clock)
        var answer: ResourceClient.Answer
        if let token = try await storedToken() {
            answer = try await client.call(
                verb, url: url, content: content, token: token.value, key: credentials.key, proof: settings.method)
        } else {
            answer = try await client.call(verb, url: url, content: content)
        }
        // §9.1: the RS says where to ask and for what; only a refusal of the token (401) is worth a new grant.
        if requestsAccess, answer.status == 401, let challenge = answer.challenge {
            let status = try await requestAccess(following: challenge, proof: settings)
            guard status == DeviceCommand<C>.exitGranted else { return status }
            guard let token = try await storedToken() else {
                throw SessionError("the AS granted no access token")
            }
            answer = try await client.call(
                verb, url: url, content: content, token: token.value, key: credentials.key, proof: settings.method)
        }
        return report(answer)
    }

    /// The proof settings of this call: the stored grant's (its tokens are bound to that key and method, §7.2),
    /// with ``proof``'s members over them; a `--proof` other than the stored grant's is refused, since the RS would
    /// refuse the token proven that way.
    private func proofSettings() async throws -> DeviceProofSettings {
        let stored = try await grantStore.deviceGrant(name: DeviceCommand<C>.keyName)
        var settings = stored?.proof ?? DeviceProofSettings()
        if let method = proof.method {
            if let stored, stored.accessToken != nil, (stored.proof?.method ?? .httpsig) != method {
                throw SessionError(
                    "the stored token is bound to \((stored.proof?.method ?? .httpsig).rawValue) proofs, not "
                        + "\(method.rawValue); call without --proof, or revoke it first (gnapterm device token revoke)")
            }
            settings.method = method
        }
        if let certificateFile = proof.certificateFile { settings.certificateFile = certificateFile }
        if let keyFile = proof.keyFile { settings.keyFile = keyFile }
        if let trustedCAFile = proof.trustedCAFile { settings.trustedCAFile = trustedCAFile }
        try settings.validate()
        return settings
    }

    /// Runs the device flow for the challenge's access at the challenge's AS; the grant is stored for the retry.
    private func requestAccess(following challenge: GNAPChallenge, proof: DeviceProofSettings) async throws -> Int32 {
        guard let asURI = challenge.asURI, let server = Self.origin(of: asURI) else {
            throw SessionError("the resource server's challenge names no authorization server (as_uri)")
        }
        guard let access = challenge.access else {
            throw SessionError(
                "the resource server's challenge names no access to ask for; use gnapterm device --access")
        }
        if !json { stderr("The resource server asks for a token from \(asURI) for '\(access)'; requesting it.\n") }
        let accessJSON = String(decoding: try GNAPJSON.encode([AccessRight.reference(access)]), as: UTF8.self)
        // The device flow's own stdout carries its JSON lines with --json; the tokens it would print are kept in the
        // store instead, since this command's output is the RS's answer.
        var deviceOut: @Sendable (String) -> Void = { _ in }
        if json { deviceOut = stdout }
        let command = DeviceCommand<C>(
            server: server, accessJSON: accessJSON, displayName: displayName, display: deviceDisplay,
            transport: transport, keyStore: keyStore, grantStore: grantStore, clock: clock,
            stdout: deviceOut, stderr: stderr, startModes: startModes, proof: proof, tlsTransport: tlsTransport)
        return await command.run()
    }

    /// The stored token for this URL: the one whose rights name a location at the URL's origin, else the first.
    private func storedToken() async throws -> AccessTokenResponse? {
        guard let tokens = try await grantStore.deviceGrant(name: DeviceCommand<C>.keyName)?.accessToken?.tokens,
            !tokens.isEmpty
        else { return nil }
        let origin = Self.origin(of: url)
        return tokens.first { token in
            token.access.contains { right in
                guard case .object(let object) = right else { return false }
                return (object.locations ?? []).contains { Self.origin(of: $0) == origin }
            }
        } ?? tokens[0]
    }

    private func report(_ answer: ResourceClient.Answer) -> Int32 {
        let succeeded = (200..<300).contains(answer.status)
        if json {
            stdout(CallOutput.response(answer) + "\n")
        } else {
            if !answer.body.isEmpty {
                let text = String(decoding: answer.body, as: UTF8.self)
                stdout(text.hasSuffix("\n") ? text : text + "\n")
            }
            if !succeeded {
                let reason = answer.error.map {
                    ": \($0.code.rawValue)" + ($0.errorDescription.map { " (\($0))" } ?? "")
                }
                stderr("gnapterm call: the resource server answered \(answer.status)\(reason ?? "")\n")
            }
        }
        return succeeded ? Self.exitSuccess : Self.exitRefused
    }

    /// `scheme://authority` of an absolute URL.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host,
            !host.isEmpty
        else { return nil }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme.lowercased())://\(bracketed.lowercased())" + (components.port.map { ":\($0)" } ?? "")
    }
}

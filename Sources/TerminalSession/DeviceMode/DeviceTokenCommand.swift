import GNAP
import GNAPClient
import HTTPMessageSignatures

/// `gnapterm device token show|rotate|revoke|rotate-key`: manages the grant `gnapterm device` stored in its home,
/// through the token management API (RFC 9635 §6), proven with the device's key by the method the grant was made
/// with (the tokens are bound to it); `rotate-key` moves the device's client instance to a new key with the method's
/// double proof (§6.1.1).
///
/// Exit status: 0 done, 1 a failure (one line on stderr: no stored grant, no device key, the AS refused).
public struct DeviceTokenCommand<C: Clock & Sendable>: Sendable where C.Instant == WallInstant {
    public enum Action: String, Sendable, CaseIterable {
        /// Print the stored grant (tokens with their rights, management URIs, subject information).
        case show
        /// Rotate every managed token (§6.1) and store the new values.
        case rotate
        /// Revoke every managed token (§6.2) and forget the grant.
        case revoke
        /// Replace the device key: the AS moves the client instance, its grants and tokens to a new key proven
        /// together with the current one (httpsig, jwsd, jws; not mtls, §7.3.2.1).
        case rotateKey = "rotate-key"
    }

    public let grantStore: any DeviceGrantStore
    public let keyStore: any ClientKeyStore
    public let transport: any HTTPTransport
    public let clock: C
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void
    /// Makes a transport with TLS settings (a client certificate, a private CA), when the stored grant needs them.
    public var tlsTransport: (@Sendable (ClientTLS) -> any HTTPTransport)?

    public init(
        grantStore: any DeviceGrantStore, keyStore: any ClientKeyStore, transport: any HTTPTransport, clock: C,
        stdout: @escaping @Sendable (String) -> Void, stderr: @escaping @Sendable (String) -> Void,
        tlsTransport: (@Sendable (ClientTLS) -> any HTTPTransport)? = nil
    ) {
        self.grantStore = grantStore
        self.keyStore = keyStore
        self.transport = transport
        self.clock = clock
        self.stdout = stdout
        self.stderr = stderr
        self.tlsTransport = tlsTransport
    }

    public func run(_ action: Action) async -> Int32 {
        do {
            try await perform(action)
            return 0
        } catch let error as SessionError {
            stderr("gnapterm device token \(action.rawValue): \(error)\n")
        } catch let error as GNAPClientError {
            stderr("gnapterm device token \(action.rawValue): \(error)\n")
        } catch {
            stderr("gnapterm device token \(action.rawValue): \(error)\n")
        }
        return 1
    }

    private func perform(_ action: Action) async throws {
        let name = DeviceCommand<C>.keyName
        let loaded: DeviceGrantRecord?
        do {
            loaded = try await grantStore.deviceGrant(name: name)
        } catch {
            throw SessionError.store(error)
        }
        guard var record = loaded else {
            throw SessionError("no stored grant in this home; run gnapterm device first")
        }
        if action == .show {
            stdout(Self.document(record) + "\n")
            return
        }
        let proof = record.proof ?? DeviceProofSettings()
        let credentials = try await DeviceCredentials.make(proof) { try await deviceKey() }
        let client = try credentials.grantClient(
            transport: transport, tlsTransport: tlsTransport, clock: clock, method: proof.method)
        if action == .rotateKey {
            try await rotateKey(record, client: client)
            return
        }
        let tokens = record.accessToken?.tokens ?? []
        guard tokens.contains(where: { $0.manage != nil }) else {
            throw SessionError("the stored grant has no token the AS lets this device manage (no 'manage' URI)")
        }
        switch action {
        case .show, .rotateKey: return
        case .rotate:
            var rotated = tokens
            for (index, token) in tokens.enumerated() {
                guard let manage = token.manage else { continue }
                // §6.1: the response is the whole new token, with its (possibly new) management URI and token. The
                // old value stops working at once, so each new one is stored before the next call.
                rotated[index] = try await client.rotateToken(manage)
                record.accessToken = record.accessToken.map {
                    if case .single = $0 { return .single(rotated[0]) }
                    return .multiple(rotated)
                }
                try await save(record, name: name)
            }
            stdout(Self.document(record) + "\n")
        case .revoke:
            var left = tokens
            for token in tokens {
                guard let manage = token.manage else { continue }
                try await client.revokeToken(manage)
                // Forget each revoked token at once, so that a failure part-way leaves only live ones stored.
                left.removeAll { $0 == token }
                record.accessToken = left.isEmpty ? nil : .multiple(left)
                if left.isEmpty { break }
                try await save(record, name: name)
            }
            do {
                try await grantStore.deleteDeviceGrant(name: name)
            } catch {
                throw SessionError.store(error)
            }
            stderr("Revoked \(tokens.filter { $0.manage != nil }.count) token(s); the grant is forgotten.\n")
        }
    }

    private func save(_ record: DeviceGrantRecord, name: String) async throws {
        do {
            try await grantStore.saveDeviceGrant(record, name: name)
        } catch {
            throw SessionError.store(error)
        }
    }

    /// Moves the device's client instance to a new Ed25519 key (gnapterm's instance key rotation, proven by both
    /// keys). The new key is kept under a second name before the AS is asked, so it is not lost if the answer is;
    /// once the AS confirmed, it replaces the old key in one store transaction (the old key is then useless: the AS
    /// revoked it). When the AS refuses, the new key is removed and the old one stays.
    private func rotateKey(_ record: DeviceGrantRecord, client: GrantClient) async throws {
        // Checked before a new key is made and stored.
        guard client.client.method != .mtls else {
            throw SessionError(
                "a key proven with mtls cannot be rotated by the client (RFC 9635 §7.3.2.1); run gnapterm device "
                    + "again with the new certificate")
        }
        guard let instanceID = record.instanceID else {
            throw SessionError("the stored grant does not name its client instance; run gnapterm device again")
        }
        var newKey = SigningKey.generateEd25519()
        newKey.keyID = try newKey.publicJWK().thumbprint()
        let pending = Self.pendingKeyName
        do {
            try await keyStore.saveClientKey(name: pending, jwk: try newKey.privateJWK())
        } catch {
            throw SessionError.store(error)
        }
        do throws(GNAPClientError) {
            try await client.rotateInstanceKey(instanceID: instanceID, base: record.server, newKey: newKey)
        } catch  where error.gnapError != nil && !error.isTransient {
            // The AS answered and refused: it never enrolled the new key.
            try? await keyStore.deleteClientKey(name: pending)
            throw error
        } catch {
            throw SessionError(
                "\(error); if the AS moved to the new key nonetheless, it is kept as '\(pending)' in this home")
        }
        do {
            try await keyStore.promoteClientKey(pending, to: DeviceCommand<C>.keyName)
        } catch {
            throw SessionError(
                "the AS moved to the new key, but it could not be stored as the device key; it is "
                    + "kept as '\(pending)': \(error)")
        }
        stdout("Rotated the device key: \(client.client.key.keyID ?? "?") → \(newKey.keyID ?? "?")\n")
    }

    /// Where a new key waits while the AS is asked to move to it.
    static var pendingKeyName: String { DeviceCommand<C>.keyName + ".rotating" }

    private func deviceKey() async throws -> SigningKey {
        guard let stored = try await keyStore.clientKey(name: DeviceCommand<C>.keyName) else {
            throw SessionError("this home has no device key; run gnapterm device first")
        }
        var key = try SigningKey(jwk: stored)
        key.keyID = try key.publicJWK().thumbprint()
        return key
    }

    /// What `show` and `rotate` print: the stored grant, the time as RFC 3339 text.
    struct Document: Encodable {
        var server: String
        var receivedAt: String
        var accessToken: AccessTokenResponses?
        var subject: SubjectResponse?
        /// The proof method the grant's calls use (RFC 9635 §7.3).
        var proof: String

        private enum CodingKeys: String, CodingKey {
            case server
            case receivedAt = "received_at"
            case accessToken = "access_token"
            case subject
            case proof
        }
    }

    /// The stored grant as pretty-printed JSON (snake_case, as on the wire).
    static func document(_ record: DeviceGrantRecord) -> String {
        let encoder = GNAPJSON.encoder()
        encoder.outputFormatting.formUnion([.prettyPrinted, .sortedKeys])
        let document = Document(
            server: record.server, receivedAt: record.receivedAt.iso8601, accessToken: record.accessToken,
            subject: record.subject, proof: (record.proof?.method ?? .httpsig).rawValue)
        return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

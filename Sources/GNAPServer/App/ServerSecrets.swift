import GNAP

/// The AS's own secrets, read from the ``SecretStore`` once at start-up (created there on the first start) and
/// handed to the services that use them.
public struct ServerSecrets: Sendable {
    /// The keyed-hash pepper of user codes: only `HMAC(pepper, code)` is stored, so a leaked database does not
    /// reveal live codes.
    public let userCodePepper: [UInt8]
    /// The key that signs `id_token` assertions (RFC 9635 §3.4.1), published at `/.well-known/jwks.json`.
    public let assertionKey: AssertionSigningKey

    /// The store names of the secrets.
    static let userCodePepperName = "user-code-pepper"
    static let assertionKeyName = "assertion-signing-key-es256"

    public init(userCodePepper: [UInt8], assertionKey: AssertionSigningKey) {
        self.userCodePepper = userCodePepper
        self.assertionKey = assertionKey
    }

    /// Reads both secrets, creating each on first use.
    public static func load(from store: any SecretStore) async throws -> ServerSecrets {
        let pepper = try await store.secret(named: userCodePepperName) { Secrets.randomBytes() }
        let key = try await store.secret(named: assertionKeyName) { AssertionSigningKey.generate() }
        return ServerSecrets(userCodePepper: pepper, assertionKey: try AssertionSigningKey(stored: key))
    }
}

import GNAP

/// The AS's own secrets, read from the ``SecretStore`` once at start-up (created there on the first start) and
/// handed to the services that use them. With a ``SecretsKey`` they are kept wrapped at rest (AES-256-GCM, the
/// secret's name as associated data); a secret found in clear is wrapped on the first start with a key.
public struct ServerSecrets: Sendable {
    /// The keyed-hash pepper of user codes: only `HMAC(pepper, code)` is stored, so a leaked database does not
    /// reveal live codes.
    public let userCodePepper: [UInt8]
    /// The key that signs `id_token` assertions (RFC 9635 §3.4.1), published at `/.well-known/jwks.json`.
    public let assertionKey: AssertionSigningKey

    /// The store names of the secrets.
    static let userCodePepperName = "user-code-pepper"
    static let assertionKeyName = "assertion-signing-key-es256"

    /// How the secrets are kept at rest after loading.
    public enum AtRest: Sendable, Hashable {
        /// No secrets key: stored in clear, as the log says at start-up.
        case clear
        /// Wrapped by the secrets key (found so, or created so).
        case wrapped
        /// Found in clear and wrapped on this start (these names).
        case wrappedNow([String])
    }

    public init(userCodePepper: [UInt8], assertionKey: AssertionSigningKey) {
        self.userCodePepper = userCodePepper
        self.assertionKey = assertionKey
    }

    /// Reads both secrets, creating each on first use, in clear.
    public static func load(from store: any SecretStore) async throws -> ServerSecrets {
        try await load(from: store, key: nil).secrets
    }

    /// Reads both secrets, creating each on first use; with `key`, new secrets are stored wrapped, clear ones are
    /// wrapped now, and wrapped ones are opened (a wrong key is ``SecretsKeyError/cannotUnwrap(_:)``). Wrapped
    /// secrets without a key are ``ServerSecretsError/wrappedWithoutKey``.
    public static func load(from store: any SecretStore, key: SecretsKey?) async throws -> (
        secrets: ServerSecrets, atRest: AtRest
    ) {
        let pepper = try await open(userCodePepperName, in: store, key: key) { Secrets.randomBytes() }
        let assertion = try await open(assertionKeyName, in: store, key: key) { AssertionSigningKey.generate() }
        let secrets = ServerSecrets(
            userCodePepper: pepper.value, assertionKey: try AssertionSigningKey(stored: assertion.value))
        let migrated = [pepper, assertion].compactMap { $0.migrated ? $0.name : nil }
        let atRest: AtRest = key == nil ? .clear : migrated.isEmpty ? .wrapped : .wrappedNow(migrated)
        return (secrets, atRest)
    }

    private static func open(
        _ name: String, in store: any SecretStore, key: SecretsKey?, create: () -> [UInt8]
    ) async throws -> (name: String, value: [UInt8], migrated: Bool) {
        let fresh = create()
        let initial = try key.map { try $0.wrap(fresh, name: name).bytes } ?? fresh
        let stored = try await store.secret(named: name) { initial }
        switch (StoredSecret(stored: stored), key) {
        case (.clear(let value), nil):
            return (name, value, false)
        case (.clear(let value), let key?):
            let wrapped = try key.wrap(value, name: name).bytes
            guard try await store.replaceSecret(named: name, with: wrapped, ifCurrent: stored) else {
                // Another AS instance wrapped it first: read what it stored.
                return try await open(name, in: store, key: key, create: create)
            }
            return (name, value, true)
        case (.wrapped(let sealed), let key?):
            return (name, try key.unwrap(sealed, name: name), false)
        case (.wrapped, nil):
            throw ServerSecretsError.wrappedWithoutKey
        }
    }
}

/// A start-up that cannot read the AS's secrets. The description is one sentence for the operator.
public enum ServerSecretsError: Error, Sendable, Hashable, CustomStringConvertible {
    case wrappedWithoutKey

    public var description: String {
        switch self {
        case .wrappedWithoutKey:
            "the AS's secrets are wrapped by a secrets key: start it with --secrets-key-file FILE or with "
                + "\(SecretsKeyFile.environmentVariable) set"
        }
    }
}

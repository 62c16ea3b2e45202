import Crypto
import Foundation

/// The key that wraps the AS's own secrets at rest (the user-code pepper, the assertion signing key):
/// AES-256-GCM with the secret's name as associated data, so a wrapped value cannot be passed off as another secret.
/// 32 random bytes, given base64-encoded (`gnapterm serve --secrets-key-file`, or `GNAPTERM_SECRETS_KEY`).
public struct SecretsKey: Sendable {
    private let key: SymmetricKey

    /// The number of bytes of a key.
    public static let byteCount = 32

    /// Reads a key from its base64 text (surrounding white space is ignored).
    public init(base64 text: String) throws(SecretsKeyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: trimmed) else { throw .notBase64 }
        guard bytes.count == Self.byteCount else { throw .wrongLength(bytes.count) }
        key = SymmetricKey(data: bytes)
    }

    /// A new random key and its base64 text.
    public static func generate() -> (key: SecretsKey, base64: String) {
        let text = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        // Cannot fail: the text was made from 32 bytes.
        return ((try? SecretsKey(base64: text))!, text)
    }

    /// `secret` wrapped for storage under `name` (``StoredSecret/wrapped(_:)``).
    public func wrap(_ secret: [UInt8], name: String) throws -> StoredSecret {
        let box = try AES.GCM.seal(secret, using: key, authenticating: Array(name.utf8))
        guard let combined = box.combined else { throw SecretsKeyError.cannotUnwrap(name) }
        return .wrapped([UInt8](combined))
    }

    /// The secret inside a wrapped value stored under `name`; fails with ``SecretsKeyError/cannotUnwrap(_:)`` for a
    /// different key, a different name or a changed value.
    public func unwrap(_ sealed: [UInt8], name: String) throws(SecretsKeyError) -> [UInt8] {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return [UInt8](try AES.GCM.open(box, using: key, authenticating: Array(name.utf8)))
        } catch {
            throw .cannotUnwrap(name)
        }
    }
}

/// A secret as the ``SecretStore`` holds it: in clear (as every AS before secrets keys did, and without a key), or
/// wrapped by a ``SecretsKey``. Wrapped values carry a prefix that no clear secret this AS makes can start with (a
/// clear pepper is 32 random bytes, a clear assertion key a JSON object).
public enum StoredSecret: Sendable, Hashable {
    case clear([UInt8])
    case wrapped([UInt8])

    static let prefix = Array("gnapterm-wrapped-secret-v1:".utf8)

    public init(stored bytes: [UInt8]) {
        if bytes.starts(with: Self.prefix) {
            self = .wrapped(Array(bytes.dropFirst(Self.prefix.count)))
        } else {
            self = .clear(bytes)
        }
    }

    /// The bytes to store.
    public var bytes: [UInt8] {
        switch self {
        case .clear(let bytes): bytes
        case .wrapped(let sealed): Self.prefix + sealed
        }
    }
}

/// Why a secrets key could not be used. Descriptions are one sentence for the operator.
public enum SecretsKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    case notBase64
    case wrongLength(Int)
    /// The key does not open the secret of this name: another key wrapped it, or the value was changed.
    case cannotUnwrap(String)

    public var description: String {
        switch self {
        case .notBase64: "the secrets key is not base64 text"
        case .wrongLength(let count):
            "the secrets key must be \(SecretsKey.byteCount) bytes (base64 of 32 random bytes), not \(count)"
        case .cannotUnwrap(let name):
            "the secrets key does not open the AS's secret '\(name)': it is not the key the secrets were wrapped with"
        }
    }
}

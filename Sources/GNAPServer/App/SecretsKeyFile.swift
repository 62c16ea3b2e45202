import Foundation
import GNAP

/// Where `gnapterm serve` finds the key that wraps the AS's secrets: a file (`--secrets-key-file`, base64 of 32
/// random bytes, readable by its owner only) or the environment variable ``environmentVariable``. Neither: secrets
/// stay in clear, as before.
public enum SecretsKeyFile {
    /// The environment variable that may hold the key's base64 text.
    public static let environmentVariable = "GNAPTERM_SECRETS_KEY"

    /// The key from `path` if given, else from `environment`; nil when neither names one. A file whose mode lets
    /// anyone but its owner read or write it is refused, as is a malformed key.
    public static func resolve(path: String?, environment: [String: String]) throws(SecretsKeyFileError)
        -> SecretsKey?
    {
        if let path { return try load(path: path) }
        guard let text = environment[environmentVariable], !text.isEmpty else { return nil }
        do {
            return try SecretsKey(base64: text)
        } catch {
            throw SecretsKeyFileError(source: environmentVariable, problem: error.description)
        }
    }

    /// Reads a key file.
    public static func load(path: String) throws(SecretsKeyFileError) -> SecretsKey {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw SecretsKeyFileError(source: path, problem: "the file cannot be read")
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard mode & 0o077 == 0 else {
            throw SecretsKeyFileError(
                source: path,
                problem: "its mode is \(String(mode, radix: 8)); make it readable by its owner only (chmod 600)")
        }
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)
        else {
            throw SecretsKeyFileError(source: path, problem: "the file cannot be read")
        }
        do {
            return try SecretsKey(base64: text)
        } catch {
            throw SecretsKeyFileError(source: path, problem: error.description)
        }
    }
}

/// A secrets key that cannot be used, in one sentence naming where it came from.
public struct SecretsKeyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let source: String
    public let problem: String

    public var description: String { "the secrets key in '\(source)' cannot be used: \(problem)" }
}

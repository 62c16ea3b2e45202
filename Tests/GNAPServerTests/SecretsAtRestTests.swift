import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import Testing

/// The AS's own secrets (user-code pepper, assertion signing key) wrapped at rest by a secrets key: AES-256-GCM with
/// the secret's name as associated data; stored wrapped when a key is given, wrapped on the first start with a key
/// when found in clear, and a wrapped secret without the key (or with another) stops the start.
@Suite("Secrets at rest")
struct SecretsAtRestTests {
    static let names = ["user-code-pepper", "assertion-signing-key-es256"]

    /// What the store holds under `name`, as bytes.
    static func stored(_ store: ASDatabase, _ name: String) async throws -> [UInt8] {
        try await store.secret(named: name) {
            Issue.record("secret \(name) missing")
            return []
        }
    }

    @Test func withoutAKeySecretsAreStoredInClearAsBefore() async throws {
        let store = try ASDatabase.inMemory()
        let (secrets, atRest) = try await ServerSecrets.load(from: store, key: nil)
        #expect(atRest == .clear)
        #expect(try await Self.stored(store, "user-code-pepper") == secrets.userCodePepper)
    }

    @Test func withAKeyNewSecretsAreStoredWrapped() async throws {
        let store = try ASDatabase.inMemory()
        let key = SecretsKey.generate().key
        let (secrets, atRest) = try await ServerSecrets.load(from: store, key: key)
        #expect(atRest == .wrapped)
        for name in Self.names {
            let raw = try await Self.stored(store, name)
            guard case .wrapped = StoredSecret(stored: raw) else {
                Issue.record("\(name) is stored in clear")
                continue
            }
        }
        let pepper = try await Self.stored(store, "user-code-pepper")
        #expect(!pepper.contains(subsequence: secrets.userCodePepper))
        // The same key opens them again, to the same values.
        let (again, _) = try await ServerSecrets.load(from: store, key: key)
        #expect(again.userCodePepper == secrets.userCodePepper)
        #expect(again.assertionKey.publicJWK == secrets.assertionKey.publicJWK)
    }

    @Test func clearSecretsAreWrappedOnTheFirstStartWithAKey() async throws {
        let store = try ASDatabase.inMemory()
        let before = try await ServerSecrets.load(from: store)
        let key = SecretsKey.generate().key
        let (after, atRest) = try await ServerSecrets.load(from: store, key: key)
        #expect(atRest == .wrappedNow(Self.names))
        #expect(after.userCodePepper == before.userCodePepper)
        #expect(after.assertionKey.publicJWK == before.assertionKey.publicJWK)
        for name in Self.names {
            guard case .wrapped = StoredSecret(stored: try await Self.stored(store, name)) else {
                Issue.record("\(name) was not wrapped")
                continue
            }
        }
        #expect(try await ServerSecrets.load(from: store, key: key).atRest == .wrapped)
    }

    @Test func wrappedSecretsWithoutTheKeyStopTheStartWithOneSentence() async throws {
        let store = try ASDatabase.inMemory()
        _ = try await ServerSecrets.load(from: store, key: SecretsKey.generate().key)
        do {
            _ = try await ServerSecrets.load(from: store, key: nil)
            Issue.record("wrapped secrets were read without the key")
        } catch let error as ServerSecretsError {
            #expect(
                error.description
                    == "the AS's secrets are wrapped by a secrets key: start it with --secrets-key-file FILE or with "
                    + "GNAPTERM_SECRETS_KEY set")
        }
        do {
            _ = try await ServerSecrets.load(from: store, key: SecretsKey.generate().key)
            Issue.record("wrapped secrets were read with another key")
        } catch let error as SecretsKeyError {
            #expect(
                error.description
                    == "the secrets key does not open the AS's secret 'user-code-pepper': it is not the key the "
                    + "secrets were wrapped with")
        }
    }

    /// The name is the associated data: a wrapped value copied to another name does not open.
    @Test func aWrappedSecretIsBoundToItsName() throws {
        let key = SecretsKey.generate().key
        guard case .wrapped(let sealed) = try key.wrap([1, 2, 3], name: "user-code-pepper") else {
            Issue.record("not wrapped")
            return
        }
        #expect(try key.unwrap(sealed, name: "user-code-pepper") == [1, 2, 3])
        #expect(throws: SecretsKeyError.cannotUnwrap("assertion-signing-key-es256")) {
            try key.unwrap(sealed, name: "assertion-signing-key-es256")
        }
    }

    @Test func keysAreBase64Of32Bytes() throws {
        #expect(throws: SecretsKeyError.notBase64) { try SecretsKey(base64: "not base64!") }
        #expect(throws: SecretsKeyError.wrongLength(16)) {
            try SecretsKey(base64: Data(repeating: 7, count: 16).base64EncodedString())
        }
        _ = try SecretsKey(base64: "  " + Data(repeating: 7, count: 32).base64EncodedString() + "\n")
    }

    @Test func aKeyFileMustBeReadableByItsOwnerOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gnapterm-key-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("secrets.key")
        let text = SecretsKey.generate().base64 + "\n"
        _ = FileManager.default.createFile(
            atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644])
        do {
            _ = try SecretsKeyFile.resolve(path: file.path, environment: [:])
            Issue.record("a key file readable by others was accepted")
        } catch {
            #expect(
                error.description
                    == "the secrets key in '\(file.path)' cannot be used: its mode is 644; make it readable by its owner "
                    + "only (chmod 600)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(try SecretsKeyFile.resolve(path: file.path, environment: [:]) != nil)
        // Without a file, the environment variable; without either, no key.
        #expect(try SecretsKeyFile.resolve(path: nil, environment: ["GNAPTERM_SECRETS_KEY": text]) != nil)
        #expect(try SecretsKeyFile.resolve(path: nil, environment: [:]) == nil)
        #expect(throws: SecretsKeyFileError.self) {
            try SecretsKeyFile.resolve(path: nil, environment: ["GNAPTERM_SECRETS_KEY": "short"])
        }
    }
}

extension Array where Element: Equatable {
    func contains(subsequence: [Element]) -> Bool {
        guard !subsequence.isEmpty, subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { Array(self[$0..<($0 + subsequence.count)]) == subsequence }
    }
}

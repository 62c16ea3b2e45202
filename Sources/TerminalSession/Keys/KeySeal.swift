import Crypto
import CryptoExtras
import Foundation
import GNAP
import HTTPMessageSignatures

/// Seals a device's private JWK under a passphrase: scrypt (memory-hard, RFC 7914) derives a 256-bit key from the
/// passphrase and a random salt, and AES-256-GCM encrypts the JWK, authenticating the server and device id with it
/// (so an envelope cannot be moved to another identity). A wrong passphrase fails the GCM tag check: nothing is
/// decrypted and nothing changes.
///
/// The envelope is JSON: `{"v":1,"kdf":"scrypt","n":32768,"r":8,"p":1,"salt":"…","box":"…"}` with base64url
/// salt and `box` = nonce ‖ ciphertext ‖ tag; the cost parameters travel with it, so they can be raised later
/// without breaking old envelopes.
public struct KeySeal: Sendable, Hashable {
    /// scrypt's cost: `rounds` (N, a power of two), `blockSize` (r) and `parallelism` (p). Memory is 128·N·r bytes.
    public struct Cost: Sendable, Hashable, Codable {
        public var rounds: Int
        public var blockSize: Int
        public var parallelism: Int

        public init(rounds: Int, blockSize: Int, parallelism: Int) {
            self.rounds = rounds
            self.blockSize = blockSize
            self.parallelism = parallelism
        }

        /// N = 2^15, r = 8, p = 1: 32 MiB and about a tenth of a second per attempt (RFC 7914's interactive
        /// recommendation, and OWASP's minimum for scrypt).
        public static let interactive = Cost(rounds: 1 << 15, blockSize: 8, parallelism: 1)

        /// The most an envelope may ask for (N = 2^20, r = 8, p = 4): refuses envelopes that would exhaust memory.
        static let ceiling = Cost(rounds: 1 << 20, blockSize: 8, parallelism: 4)
    }

    /// The cost used when sealing.
    public var cost: Cost

    public init(cost: Cost = .interactive) {
        self.cost = cost
    }

    /// The envelope of `privateKey` for the identity (`server`, `deviceID`).
    public func seal(_ privateKey: JWK, server: String, deviceID: String, passphrase: String) throws(KeySealError)
        -> String
    {
        guard !passphrase.isEmpty else { throw .emptyPassphrase }
        guard privateKey.isPrivate else { throw .notAPrivateKey }
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max) }
        let key = try Self.derive(passphrase, salt: salt, cost: cost)
        return try Self.envelope(privateKey, key: key, salt: salt, cost: cost, server: server, deviceID: deviceID)
    }

    private static func envelope(
        _ privateKey: JWK, key: SymmetricKey, salt: [UInt8], cost: Cost, server: String, deviceID: String
    ) throws(KeySealError) -> String {
        guard privateKey.isPrivate else { throw .notAPrivateKey }
        do {
            let plaintext = try GNAPJSON.encode(privateKey)
            let box = try AES.GCM.seal(
                plaintext, using: key, authenticating: Self.associatedData(server: server, deviceID: deviceID))
            guard let combined = box.combined else { throw KeySealError.unreadableEnvelope }
            let envelope = Envelope(
                version: 1, kdf: "scrypt", rounds: cost.rounds, blockSize: cost.blockSize,
                parallelism: cost.parallelism, salt: Base64URL.encode(salt), box: Base64URL.encode(combined))
            return String(decoding: try GNAPJSON.encode(envelope), as: UTF8.self)
        } catch let error as KeySealError {
            throw error
        } catch {
            throw .unreadableEnvelope
        }
    }

    /// The private JWK in `envelope`, or `KeySealError.wrongPassphrase`.
    public static func open(_ envelope: String, server: String, deviceID: String, passphrase: String)
        throws(KeySealError) -> JWK
    {
        try openKeepingKey(envelope, server: server, deviceID: deviceID, passphrase: passphrase).key
    }

    /// Like `open`, and also the derived key, so that a rotated key can be sealed under the same passphrase
    /// without keeping the passphrase itself in memory.
    public static func openKeepingKey(_ envelope: String, server: String, deviceID: String, passphrase: String)
        throws(KeySealError) -> (key: JWK, resealer: Resealer)
    {
        let (salt, cost, combined) = try parse(envelope)
        let key = try derive(passphrase, salt: salt, cost: cost)
        let jwk = try decrypt(combined, key: key, server: server, deviceID: deviceID)
        return (jwk, Resealer(key: key, salt: salt, cost: cost))
    }

    /// The salt, cost and box of an envelope, checked.
    private static func parse(_ envelope: String) throws(KeySealError) -> (salt: [UInt8], cost: Cost, box: [UInt8]) {
        let sealed: Envelope
        do {
            sealed = try GNAPJSON.decode(Envelope.self, from: Array(envelope.utf8))
        } catch {
            throw .unreadableEnvelope
        }
        guard sealed.version == 1, sealed.kdf == "scrypt", let salt = Base64URL.decode(sealed.salt),
            let combined = Base64URL.decode(sealed.box)
        else { throw .unreadableEnvelope }
        let cost = Cost(rounds: sealed.rounds, blockSize: sealed.blockSize, parallelism: sealed.parallelism)
        guard cost.rounds > 1, cost.rounds.nonzeroBitCount == 1, cost.rounds <= Cost.ceiling.rounds,
            (1...Cost.ceiling.blockSize).contains(cost.blockSize),
            (1...Cost.ceiling.parallelism).contains(cost.parallelism)
        else { throw .unreadableEnvelope }
        return (salt, cost, combined)
    }

    private static func decrypt(_ combined: [UInt8], key: SymmetricKey, server: String, deviceID: String)
        throws(KeySealError) -> JWK
    {
        let plaintext: Data
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            plaintext = try AES.GCM.open(
                box, using: key, authenticating: associatedData(server: server, deviceID: deviceID))
        } catch {
            throw .wrongPassphrase
        }
        do {
            return try GNAPJSON.decode(JWK.self, from: Array(plaintext))
        } catch {
            throw .unreadableEnvelope
        }
    }

    /// Seals with a key derived earlier (same passphrase, salt and cost; a fresh GCM nonce each time).
    public struct Resealer: Sendable {
        let key: SymmetricKey
        let salt: [UInt8]
        let cost: Cost

        public func seal(_ privateKey: JWK, server: String, deviceID: String) throws(KeySealError) -> String {
            try KeySeal.envelope(privateKey, key: key, salt: salt, cost: cost, server: server, deviceID: deviceID)
        }

        /// Opens an envelope that a resealer of the same passphrase made (same salt and cost: a key rotated in
        /// another terminal), without asking for the passphrase; `.wrongPassphrase` for any other envelope.
        public func open(_ envelope: String, server: String, deviceID: String) throws(KeySealError) -> JWK {
            let (salt, cost, combined) = try KeySeal.parse(envelope)
            guard salt == self.salt, cost == self.cost else { throw .wrongPassphrase }
            return try KeySeal.decrypt(combined, key: key, server: server, deviceID: deviceID)
        }
    }

    private static func derive(_ passphrase: String, salt: [UInt8], cost: Cost) throws(KeySealError) -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(
                from: Array(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: cost.rounds,
                blockSize: cost.blockSize, parallelism: cost.parallelism)
        } catch {
            throw .keyDerivationFailed
        }
    }

    private static func associatedData(server: String, deviceID: String) -> Data {
        Data("gnapterm sealed device key v1\n\(server)\n\(deviceID)".utf8)
    }

    private struct Envelope: Codable {
        var version: Int
        var kdf: String
        var rounds: Int
        var blockSize: Int
        var parallelism: Int
        var salt: String
        var box: String

        private enum CodingKeys: String, CodingKey {
            case version = "v"
            case kdf
            case rounds = "n"
            case blockSize = "r"
            case parallelism = "p"
            case salt, box
        }
    }
}

/// Why a key could not be sealed or opened, as a sentence for the person.
public enum KeySealError: Error, Sendable, Hashable, CustomStringConvertible {
    case wrongPassphrase
    case emptyPassphrase
    case notAPrivateKey
    case unreadableEnvelope
    case keyDerivationFailed

    public var description: String {
        switch self {
        case .wrongPassphrase: "wrong passphrase: the device key stays sealed and unchanged"
        case .emptyPassphrase: "the passphrase is empty"
        case .notAPrivateKey: "the stored device key has no private part to seal"
        case .unreadableEnvelope: "the sealed device key is unreadable (damaged or from a newer gnapterm)"
        case .keyDerivationFailed: "the passphrase could not be turned into a key"
        }
    }
}

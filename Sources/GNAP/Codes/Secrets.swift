import Crypto
import HTTPMessageSignatures

/// Random secrets and their stored form. Secrets are never stored: only their SHA-256 digest, compared in constant
/// time.
public enum Secrets {
    /// A 256-bit random token, base64url (43 characters from the token68 set, RFC 9635 §3.2.1).
    public static func token() -> String { Base64URL.encode(randomBytes(32)) }

    /// A random identifier for URLs and records (128 bits, base64url).
    public static func identifier() -> String { Base64URL.encode(randomBytes(16)) }

    /// The stored form of a secret: base64url SHA-256.
    public static func hash(_ secret: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array(secret.utf8)))
    }

    /// The stored form of a user code: HMAC-SHA-256 under the AS's secret pepper, so a copy of the database alone
    /// does not let anyone enumerate the 2^40 codes offline.
    public static func hash(_ code: UserCode, pepper: [UInt8]) -> String {
        Base64URL.encode(
            HMAC<SHA256>.authenticationCode(for: Array(code.normalized.utf8), using: SymmetricKey(data: pepper)))
    }

    /// Whether `secret` hashes to `storedHash`, compared in constant time.
    public static func matches(_ secret: String, storedHash: String) -> Bool {
        constantTimeEquals(Array(hash(secret).utf8), Array(storedHash.utf8))
    }

    /// `count` (default 32) random bytes from the system generator, e.g. for the user-code pepper.
    public static func randomBytes(_ count: Int = 32) -> [UInt8] {
        // Eight bytes per draw: each draw of SystemRandomNumberGenerator is a system call (getrandom on Linux), and
        // drawing byte by byte made about 70 of them per grant creation (docs/performance.md).
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}

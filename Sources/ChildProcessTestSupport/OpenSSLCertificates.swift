import Foundation

/// Certificates made by the `openssl` command line tool for tests: independent of the code under test, and the same
/// commands the README gives operators. Each lives in its own temporary directory.
public struct OpenSSLCertificate: Sendable {
    /// The directory holding the files; remove it with ``remove()``.
    public let directory: URL
    /// PEM certificate.
    public var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    /// PEM private key (PKCS #8).
    public var keyPath: String { directory.appendingPathComponent("key.pem").path }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The key types the tests use.
    public enum KeyType: Sendable {
        case p256
        case ed25519
        case rsa2048

        var arguments: [String] {
            switch self {
            case .p256: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
            case .ed25519: ["-newkey", "ed25519"]
            case .rsa2048: ["-newkey", "rsa:2048"]
            }
        }
    }

    /// A self-signed certificate for `commonName`, valid for `days`, with the subject alternative names given
    /// (e.g. `DNS:localhost,IP:127.0.0.1` for a server on loopback):
    /// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=… -addext
    /// subjectAltName=… -keyout key.pem -out cert.pem`.
    public static func selfSigned(
        commonName: String = "localhost", subjectAltNames: String? = "DNS:localhost,IP:127.0.0.1",
        keyType: KeyType = .p256, days: Int = 1
    ) throws -> OpenSSLCertificate {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("openssl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = OpenSSLCertificate(directory: directory)
        var arguments = ["openssl", "req", "-x509"] + keyType.arguments + ["-nodes", "-days", "\(days)"]
        arguments += [
            "-subj", "/CN=\(commonName)", "-keyout", certificate.keyPath, "-out", certificate.certificatePath,
        ]
        if let subjectAltNames { arguments += ["-addext", "subjectAltName=\(subjectAltNames)"] }
        let output = try ChildProcess.run(arguments, mergeStandardError: true)
        guard output.status == 0 else {
            throw Failure(
                description: "openssl failed (is it installed? apt-get install openssl): \(output.stdoutText)")
        }
        return certificate
    }

    /// The certificate as DER (`openssl x509 -outform DER`).
    public func certificateDER() throws -> [UInt8] {
        let output = try ChildProcess.run(["openssl", "x509", "-in", certificatePath, "-outform", "DER"])
        guard output.status == 0 else { throw Failure(description: "openssl x509 failed: \(output.stderr)") }
        return output.stdout
    }

    /// Copies this certificate and key over `other`'s files (a certificate renewal in place).
    public func copy(over other: OpenSSLCertificate) throws {
        for (from, to) in [(certificatePath, other.certificatePath), (keyPath, other.keyPath)] {
            try? FileManager.default.removeItem(atPath: to)
            try FileManager.default.copyItem(atPath: from, toPath: to)
        }
    }

    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

import Foundation
import NIOSSL

/// The TLS side of a client's connections: the trust roots for the server (the system's, plus a CA file for a
/// private or test CA) and the client certificate presented in the handshake (`mtls`, RFC 9635 §7.3.2). TLS 1.2 or
/// later; the server's certificate is always verified, host name included.
public struct ClientTLS: Sendable {
    let configuration: TLSConfiguration

    /// - Parameters:
    ///   - trustedCAFile: a PEM file of CA certificates trusted besides the system's; default none.
    ///   - certificateChain: the client certificate (DER) and any intermediates; default none.
    ///   - privateKey: the DER private key of the first certificate (PKCS #8, or the key type's own form);
    ///     required with a certificate.
    public init(
        trustedCAFile: String? = nil, certificateChain: [[UInt8]] = [], privateKey: [UInt8]? = nil
    ) throws(GNAPClientError) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = .fullVerification
        do {
            if let trustedCAFile {
                guard let data = FileManager.default.contents(atPath: trustedCAFile) else {
                    throw GNAPClientError.invalidRequest("cannot read the CA file '\(trustedCAFile)'")
                }
                let roots = try NIOSSLCertificate.fromPEMBytes([UInt8](data))
                guard !roots.isEmpty else {
                    throw GNAPClientError.invalidRequest("the CA file '\(trustedCAFile)' holds no PEM certificate")
                }
                configuration.additionalTrustRoots = [.certificates(roots)]
            }
            if !certificateChain.isEmpty {
                guard let privateKey else {
                    throw GNAPClientError.invalidRequest("a client certificate needs its private key")
                }
                configuration.certificateChain = try certificateChain.map {
                    .certificate(try NIOSSLCertificate(bytes: $0, format: .der))
                }
                let key = try NIOSSLPrivateKey(bytes: privateKey, format: .der)
                // The TLS library hashes the key by its DER form, which it cannot make for Ed25519 (it would trap).
                guard (try? key.derBytes) != nil else { throw GNAPClientError.invalidRequest(Self.unusableKeyType) }
                configuration.privateKey = .privateKey(key)
            }
        } catch let error as GNAPClientError {
            throw error
        } catch {
            throw .invalidRequest("the TLS client settings are unusable: \(error)")
        }
        self.configuration = configuration
    }

    static let unusableKeyType =
        "the TLS client certificate's key must be P-256, P-384 or RSA (the TLS library cannot present Ed25519 keys)"

    /// Reads a client certificate chain and key from PEM files (`gnapterm device --cert FILE --key FILE`).
    public static func pemFiles(certificate: String, key: String) throws(GNAPClientError) -> (
        chain: [[UInt8]], privateKey: [UInt8]
    ) {
        guard let certificateData = FileManager.default.contents(atPath: certificate) else {
            throw .invalidRequest("cannot read the certificate file '\(certificate)'")
        }
        guard let keyData = FileManager.default.contents(atPath: key) else {
            throw .invalidRequest("cannot read the key file '\(key)'")
        }
        do {
            let chain = try NIOSSLCertificate.fromPEMBytes([UInt8](certificateData)).map { try $0.toDERBytes() }
            guard !chain.isEmpty else { throw GNAPClientError.invalidRequest("'\(certificate)' holds no certificate") }
            let privateKey = try NIOSSLPrivateKey(bytes: [UInt8](keyData), format: .pem)
            guard let der = try? privateKey.derBytes else { throw GNAPClientError.invalidRequest(unusableKeyType) }
            return (chain, der)
        } catch let error as GNAPClientError {
            throw error
        } catch {
            throw .invalidRequest("cannot read the certificate '\(certificate)' or key '\(key)': \(error)")
        }
    }
}

import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures

/// The device's key as its proof method uses it: the signing key (its `kid` the JWK thumbprint, RFC 9635 §7.3.1,
/// §7.3.3), and for `mtls` the certificate and the TLS settings that present it.
struct DeviceCredentials: Sendable {
    var key: SigningKey
    /// The certificate sent as the key (`cert`, §7.1) and presented in TLS (mtls only).
    var certificate: [UInt8]?
    /// The TLS settings of the transport, when the defaults do not do (mtls, or a private CA).
    var tls: ClientTLS?

    /// The credentials for `settings`: the stored device key (`key`, from the local store), or for mtls with
    /// `--cert`/`--key` the key of those files.
    static func make(_ settings: DeviceProofSettings, deviceKey key: @Sendable () async throws -> SigningKey)
        async throws -> DeviceCredentials
    {
        try settings.validate()
        guard settings.method == .mtls else {
            let tls = try settings.trustedCAFile.map { path throws(GNAPClientError) in
                try ClientTLS(trustedCAFile: path)
            }
            return DeviceCredentials(key: try await key(), certificate: nil, tls: tls)
        }
        let chain: [[UInt8]]
        let privateKey: [UInt8]
        let signingKey: SigningKey
        if let certificateFile = settings.certificateFile, let keyFile = settings.keyFile {
            (chain, privateKey) = try ClientTLS.pemFiles(certificate: certificateFile, key: keyFile)
            signingKey = try Self.key(ofFile: keyFile, certificate: chain[0])
        } else {
            signingKey = try await key()
            let certificate = try DeviceCertificate(for: signingKey)
            chain = [certificate.der]
            privateKey = certificate.privateKeyDER
        }
        let tls = try ClientTLS(
            trustedCAFile: settings.trustedCAFile, certificateChain: chain, privateKey: privateKey)
        return DeviceCredentials(key: signingKey, certificate: chain[0], tls: tls)
    }

    /// The key of `--key`, under the algorithm its certificate's key implies, with the key's thumbprint as key id.
    /// With mtls it signs nothing at the HTTP layer; the client names it and the TLS handshake uses it.
    private static func key(ofFile path: String, certificate der: [UInt8]) throws -> SigningKey {
        let certificate = try ClientCertificate(der: der)
        guard let jwk = certificate.publicJWK,
            let algorithm = jwk.impliedAlgorithm ?? (jwk.kty == "RSA" ? .rsaV15SHA256 : nil)
        else {
            throw SessionError("the certificate's key type is not Ed25519, P-256, P-384 or RSA")
        }
        guard let pem = try? String(contentsOfFile: path, encoding: .utf8),
            let key = try? SigningKey(pem: pem, algorithm: algorithm, keyID: try jwk.thumbprint())
        else {
            throw SessionError("the key file '\(path)' is not a PEM private key of the certificate's type")
        }
        guard (try? key.publicJWK().thumbprint()) == (try? jwk.thumbprint()) else {
            throw SessionError("the key file '\(path)' is not the key of the certificate")
        }
        return key
    }

    /// The client for the AS, over ``transport(default:tlsTransport:)``.
    func grantClient<C: Clock & Sendable>(
        transport: any HTTPTransport, tlsTransport: (@Sendable (ClientTLS) -> any HTTPTransport)?, clock: C,
        method: ClientProofMethod
    ) throws -> GrantClient where C.Instant == WallInstant {
        GrantClient(
            transport: try self.transport(default: transport, tlsTransport: tlsTransport), key: key, clock: clock,
            method: method, certificate: certificate)
    }

    /// `plain` when the default TLS settings do, else `tlsTransport` with ``tls`` (the client certificate of mtls,
    /// a private CA): for the AS and for resource servers alike.
    func transport(
        default plain: any HTTPTransport, tlsTransport: (@Sendable (ClientTLS) -> any HTTPTransport)?
    ) throws -> any HTTPTransport {
        guard let tls else { return plain }
        guard let tlsTransport else { throw SessionError("this build has no TLS transport for the device") }
        return tlsTransport(tls)
    }
}

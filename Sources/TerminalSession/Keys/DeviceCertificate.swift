import Crypto
import Foundation
import GNAP
import HTTPMessageSignatures
import SwiftASN1
import X509

/// An X.509 certificate made from the device's Ed25519 key, for `mtls` (RFC 9635 §7.3.2) without a certificate of
/// the operator's. The TLS library cannot present Ed25519 client keys (it cannot serialize them), so the certificate
/// carries a P-256 key derived from the device key (HKDF-SHA256 over its seed, under a label of its own) and is
/// signed by the device's Ed25519 key. Everything in it is deterministic (the derived key, the serial from the key's
/// thumbprint, fixed validity, Ed25519 signatures), so the same device key always gives the same certificate and
/// the AS sees one client instance across runs. GNAP trusts it through its key binding (the client sends it as its
/// `cert`), not through a PKI, so its validity dates do not matter; RFC 5280 §4.1.2.5's "no well-defined
/// expiration" date is used.
public struct DeviceCertificate: Sendable {
    /// The certificate, DER.
    public let der: [UInt8]
    /// The private key of the certificate's P-256 key in DER, for the TLS handshake.
    public let privateKeyDER: [UInt8]

    /// The label that keeps the derived key apart from any other use of the seed.
    static let derivationLabel = Array("gnapterm device mtls P-256 key".utf8)

    public init(for key: SigningKey) throws(SessionError) {
        guard key.algorithm == .ed25519, let seed = try? key.privateJWK().d.flatMap({ Base64URL.decode($0) }),
            let signer = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
            let thumbprint = try? key.publicJWK().thumbprint()
        else {
            throw SessionError("a device certificate needs an Ed25519 device key; give --cert and --key instead")
        }
        let derived = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: seed), info: Self.derivationLabel, outputByteCount: 32)
        // A 32-byte value is a valid P-256 scalar unless it is at least the group order (probability about 2^-32).
        guard let tlsKey = try? P256.Signing.PrivateKey(rawRepresentation: derived.withUnsafeBytes { Array($0) })
        else {
            throw SessionError("this device key cannot give a certificate key; give --cert and --key instead")
        }
        do {
            let name = try DistinguishedName { CommonName("gnapterm device \(thumbprint.prefix(16))") }
            // A positive 16-byte serial (RFC 5280 §4.1.2.2: at most 20 bytes) from the thumbprint.
            var serial = Array(SHA256.hash(data: Array(thumbprint.utf8)).prefix(16))
            serial[0] &= 0x7F
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: serial),
                publicKey: Certificate.PublicKey(tlsKey.publicKey),
                notValidBefore: Date(timeIntervalSince1970: 1_735_689_600),
                notValidAfter: Date(timeIntervalSince1970: 253_402_300_799), issuer: name, subject: name,
                signatureAlgorithm: .ed25519,
                extensions: try Certificate.Extensions {
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.clientAuth])
                }, issuerPrivateKey: Certificate.PrivateKey(signer))
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            der = serializer.serializedBytes
        } catch {
            throw SessionError("cannot make the device certificate: \(error)")
        }
        privateKeyDER = Array(tlsKey.derRepresentation)
    }
}

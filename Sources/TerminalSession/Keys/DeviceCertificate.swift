import Crypto
import Foundation
import GNAP
import HTTPMessageSignatures
import SwiftASN1
import X509

/// A self-signed X.509 certificate for the device's Ed25519 key, for `mtls` (RFC 9635 §7.3.2) without a
/// certificate of the operator's. It is deterministic (serial from the key's thumbprint, fixed validity, Ed25519
/// signatures are deterministic), so the same key always gives the same certificate and the AS sees one client
/// instance across runs. GNAP trusts it through its key binding, not through a PKI, so its validity dates do not
/// matter; RFC 5280 §4.1.2.5's "no well-defined expiration" date is used.
public struct DeviceCertificate: Sendable {
    /// The certificate, DER.
    public let der: [UInt8]
    /// The private key in PKCS #8 DER, for the TLS handshake.
    public let privateKeyDER: [UInt8]

    public init(for key: SigningKey) throws(SessionError) {
        guard key.algorithm == .ed25519, let seed = try? key.privateJWK().d.flatMap({ Base64URL.decode($0) }),
            let privateKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
            let thumbprint = try? key.publicJWK().thumbprint()
        else {
            throw SessionError("a self-signed certificate needs an Ed25519 device key; give --cert and --key instead")
        }
        do {
            let signer = Certificate.PrivateKey(privateKey)
            let name = try DistinguishedName { CommonName("gnapterm device \(thumbprint.prefix(16))") }
            // A positive 16-byte serial (RFC 5280 §4.1.2.2: at most 20 bytes) from the thumbprint.
            var serial = Array(SHA256.hash(data: Array(thumbprint.utf8)).prefix(16))
            serial[0] &= 0x7F
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: serial), publicKey: signer.publicKey,
                notValidBefore: Date(timeIntervalSince1970: 1_735_689_600),
                notValidAfter: Date(timeIntervalSince1970: 253_402_300_799), issuer: name, subject: name,
                signatureAlgorithm: .ed25519,
                extensions: try Certificate.Extensions {
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.clientAuth])
                }, issuerPrivateKey: signer)
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            der = serializer.serializedBytes
        } catch {
            throw SessionError("cannot make the device certificate: \(error)")
        }
        // RFC 8410 §7: OneAsymmetricKey { version 0, id-Ed25519, OCTET STRING { OCTET STRING seed } }.
        privateKeyDER =
            [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
            + [UInt8](seed)
    }
}

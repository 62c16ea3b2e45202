import Crypto
import CryptoExtras
import Foundation
import GNAP
import HTTPMessageSignatures
import SwiftASN1
import X509

/// A key pair in both worlds: a signing key for proofs and a self-signed X.509 certificate for it.
struct CertifiedKey: Sendable {
    var signingKey: SigningKey
    var certificateDER: [UInt8]

    var certificate: ClientCertificate { try! ClientCertificate(der: certificateDER) }
    var certificateBase64: String { Data(certificateDER).base64EncodedString() }
    var pem: String {
        let body = certificateBase64
        let lines = stride(from: 0, to: body.count, by: 64).map { offset in
            String(body.dropFirst(offset).prefix(64))
        }
        return (["-----BEGIN CERTIFICATE-----"] + lines + ["-----END CERTIFICATE-----"]).joined(separator: "\n")
    }

    static func ed25519(keyID: String? = "ed-key", name: String = "ed25519 client") throws -> CertifiedKey {
        let key = Curve25519.Signing.PrivateKey()
        let jwk = JWK(
            kty: "OKP", crv: "Ed25519", x: Base64URL.encode(key.publicKey.rawRepresentation),
            d: Base64URL.encode(key.rawRepresentation), kid: keyID)
        return CertifiedKey(
            signingKey: try SigningKey(jwk: jwk),
            certificateDER: try selfSigned(Certificate.PrivateKey(key), .ed25519, name: name))
    }

    static func p256(keyID: String? = "p256-key") throws -> CertifiedKey {
        let key = P256.Signing.PrivateKey()
        return CertifiedKey(
            signingKey: try SigningKey(pem: key.pemRepresentation, algorithm: .ecdsaP256SHA256, keyID: keyID),
            certificateDER: try selfSigned(Certificate.PrivateKey(key), .ecdsaWithSHA256, name: "p256 client"))
    }

    static func rsa(keyID: String? = "rsa-key") throws -> CertifiedKey {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        return CertifiedKey(
            signingKey: try SigningKey(pem: key.pemRepresentation, algorithm: .rsaV15SHA256, keyID: keyID),
            certificateDER: try selfSigned(Certificate.PrivateKey(key), .sha256WithRSAEncryption, name: "rsa client"))
    }

    private static func selfSigned(
        _ key: Certificate.PrivateKey, _ algorithm: Certificate.SignatureAlgorithm, name: String
    ) throws -> [UInt8] {
        let subject = try DistinguishedName { CommonName(name) }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(3600), issuer: subject,
            subject: subject, signatureAlgorithm: algorithm, extensions: Certificate.Extensions(),
            issuerPrivateKey: key)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}

/// RFC 9635 §7.3.2's example client certificate (the `Client-Cert` field of the mtls example, unfolded). Its RSA
/// key is the `gnap-rsa` key of the §7.3.3 and §7.3.4 JWS examples.
enum RFCExampleCertificate {
    static let clientCertField =
        ":MIIC6jCCAdKgAwIBAgIGAXjw74xPMA0GCSqGSIb3DQEBCwUAMDYxNDAyBgNVBAMMK05JWU15QmpzRGp5QkM5UDUzN0Q2SVR6a3BEOE50"
        + "UmppOXlhcEV6QzY2bVEwHhcNMjEwNDIwMjAxODU0WhcNMjIwMjE0MjAxODU0WjA2MTQwMgYDVQQDDCtOSVlNeUJqc0RqeUJDOVA1MzdEN"
        + "klUemtwRDhOdFJqaTl5YXBFekM2Nm1RMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAhYOJ+XOKISdMMShn/G4W9m20mT0VWt"
        + "QBsmBBkI2cmRt4Ai8BfYdHsFzAtYKOjpBR1RpKpJmVKxIGNy0g6Z3ad2XYsh8KowlyVy8IkZ8NMwSrcUIBZGYXjHpwjzvfGvXH/5KJlnR"
        + "3/uRUp4Z4Ujk2bCaKegDn11V2vxE41hqaPUnhRZxe0jRETddzsE3mu1SK8dTCROjwUl14mUNo8iTrTm4n0qDadz8BkPo+uv4BC0bunS0K"
        + "3bA/3UgVp7zBlQFoFnLTO2uWp/muLEWGl67gBq9MO3brKXfGhi3kOzywzwPTuq+cVQDyEN7aL0SxCb3Hc4IdqDaMg8qHUyObpPitDQIDA"
        + "QABMA0GCSqGSIb3DQEBCwUAA4IBAQBnYFK0eYHy+hVf2D58usj39lhL5znb/q9G35GBd/XsWfCEwHuLOSZSUmG71bZtrOcx0ptle9bp2k"
        + "Kl4HlSTTfbtpuG5onSa3swRNhtKtUy5NH9W/FLViKWfoPS3kwoEpC1XqKY6l7evoTCtS+kTQRSrCe4vbNprCAZRxz6z1nEeCguNMk38yT"
        + "Rvx8ihZpVOuU+Ih+dOtVe/ex5IAPYxlQsvtfhsUZqc7IyCcy72WHnRHlUfn3pJm0S5270+Yls3Iv6h3oBAP19i906UjiUTNH3g0xMW+V4"
        + "uLxgyckt4wD4MlyvjnaQ7Z3sR6EsXMocAbXHIAJhwKdtU/fLgdwL5vtx:"

    /// The `cert` member of the request body, as folded in the RFC (RFC 8792 `\` and indentation removed).
    static var keyValue: String { String(clientCertField.dropFirst().dropLast()) }

    /// The `n` of the `gnap-rsa` JWK in the §7.3.3 and §7.3.4 examples.
    static let gnapRSAModulus =
        "hYOJ-XOKISdMMShn_G4W9m20mT0VWtQBsmBBkI2cmRt4Ai8BfYdHsFzAtYKOjpBR1RpKpJmVKxIGNy0g6Z3ad2XYsh8KowlyVy8IkZ8NMwSrc"
        + "UIBZGYXjHpwjzvfGvXH_5KJlnR3_uRUp4Z4Ujk2bCaKegDn11V2vxE41hqaPUnhRZxe0jRETddzsE3mu1SK8dTCROjwUl14mUNo8iTrTm4"
        + "n0qDadz8BkPo-uv4BC0bunS0K3bA_3UgVp7zBlQFoFnLTO2uWp_muLEWGl67gBq9MO3brKXfGhi3kOzywzwPTuq-cVQDyEN7aL0SxCb3Hc4"
        + "IdqDaMg8qHUyObpPitDQ"

    static var gnapRSA: JWK { JWK(kty: "RSA", n: gnapRSAModulus, e: "AQAB", kid: "gnap-rsa", alg: "RS256") }
}

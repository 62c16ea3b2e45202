import Crypto
import CryptoExtras
import Foundation

/// A private key bound to exactly one HTTP signature algorithm (RFC 9421 §3.3).
///
/// Binding the algorithm at construction is what prevents algorithm confusion: a key made for `ed25519` can never be
/// asked to produce anything else.
public struct SigningKey: Sendable {
    enum Material: Sendable {
        case ed25519(Curve25519.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
        case hmac(SymmetricKey)
    }

    let material: Material
    /// The algorithm every signature of this key uses.
    public let algorithm: SignatureAlgorithm
    /// The key identifier placed in the `keyid` signature parameter, if any.
    public var keyID: String?

    init(material: Material, algorithm: SignatureAlgorithm, keyID: String?) {
        self.material = material
        self.algorithm = algorithm
        self.keyID = keyID
    }

    /// A fresh Ed25519 key.
    public static func generateEd25519(keyID: String? = nil) -> SigningKey {
        SigningKey(material: .ed25519(Curve25519.Signing.PrivateKey()), algorithm: .ed25519, keyID: keyID)
    }

    /// Signs a signature base (RFC 9421 §3.1) and returns the raw signature bytes
    /// (ECDSA as r‖s per §3.3.4/§3.3.5, never DER).
    public func sign(_ signatureBase: [UInt8]) throws -> [UInt8] {
        switch material {
        case .ed25519(let key):
            return [UInt8](try key.signature(for: signatureBase))
        case .p256(let key):
            return [UInt8](try key.signature(for: SHA256.hash(data: signatureBase)).rawRepresentation)
        case .p384(let key):
            return [UInt8](try key.signature(for: SHA384.hash(data: signatureBase)).rawRepresentation)
        case .rsa(let key):
            if algorithm == .rsaPSSSHA512 {
                // §3.3.1: RSASSA-PSS with SHA-512, MGF1 with SHA-512 and a 64-byte salt (swift-crypto uses a salt
                // as long as the digest).
                return [UInt8](
                    try key.signature(for: SHA512.hash(data: signatureBase), padding: .PSS).rawRepresentation)
            }
            return [UInt8](
                try key.signature(for: SHA256.hash(data: signatureBase), padding: .insecurePKCS1v1_5).rawRepresentation)
        case .hmac(let key):
            return [UInt8](HMAC<SHA256>.authenticationCode(for: signatureBase, using: key))
        }
    }

    /// The matching verification key.
    public var verificationKey: VerificationKey {
        switch material {
        case .ed25519(let key): VerificationKey(material: .ed25519(key.publicKey), algorithm: algorithm)
        case .p256(let key): VerificationKey(material: .p256(key.publicKey), algorithm: algorithm)
        case .p384(let key): VerificationKey(material: .p384(key.publicKey), algorithm: algorithm)
        case .rsa(let key): VerificationKey(material: .rsa(key.publicKey), algorithm: algorithm)
        case .hmac(let key): VerificationKey(material: .hmac(key), algorithm: algorithm)
        }
    }
}

import Crypto
import CryptoExtras
import Foundation

/// A public (or, for HMAC, shared) key bound to exactly one HTTP signature algorithm.
public struct VerificationKey: Sendable {
    enum Material: Sendable {
        case ed25519(Curve25519.Signing.PublicKey)
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
        case rsa(_RSA.Signing.PublicKey)
        case hmac(SymmetricKey)
    }

    let material: Material
    /// The only algorithm this key accepts.
    public let algorithm: SignatureAlgorithm

    init(material: Material, algorithm: SignatureAlgorithm) {
        self.material = material
        self.algorithm = algorithm
    }

    /// Checks a raw signature over a signature base. Never traps; any malformed signature is simply invalid.
    public func isValidSignature(_ signature: [UInt8], over signatureBase: [UInt8]) -> Bool {
        switch material {
        case .ed25519(let key):
            return key.isValidSignature(signature, for: signatureBase)
        case .p256(let key):
            guard let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: SHA256.hash(data: signatureBase))
        case .p384(let key):
            guard let parsed = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: SHA384.hash(data: signatureBase))
        case .rsa(let key):
            let parsed = _RSA.Signing.RSASignature(rawRepresentation: signature)
            if algorithm == .rsaPSSSHA512 {
                return key.isValidSignature(parsed, for: SHA512.hash(data: signatureBase), padding: .PSS)
            }
            return key.isValidSignature(parsed, for: SHA256.hash(data: signatureBase), padding: .insecurePKCS1v1_5)
        case .hmac(let key):
            // Constant-time comparison inside swift-crypto (RFC 9421 §3.3.3 requires a MAC comparison that does not
            // leak timing).
            return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signatureBase, using: key)
        }
    }
}

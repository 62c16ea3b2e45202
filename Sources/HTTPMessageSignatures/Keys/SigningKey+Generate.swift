import Crypto
import CryptoExtras

extension SigningKey {
    /// A fresh key for `algorithm`: an Ed25519, P-256 or P-384 key, a 2048-bit RSA key (the smallest size §3.3.1 and
    /// §3.3.2 tolerate; generating one takes a noticeable fraction of a second), or 32 random bytes for HMAC.
    public static func generate(for algorithm: SignatureAlgorithm, keyID: String? = nil) throws -> SigningKey {
        let material: Material
        switch algorithm {
        case .ed25519: material = .ed25519(Curve25519.Signing.PrivateKey())
        case .ecdsaP256SHA256: material = .p256(P256.Signing.PrivateKey())
        case .ecdsaP384SHA384: material = .p384(P384.Signing.PrivateKey())
        case .rsaPSSSHA512, .rsaV15SHA256: material = .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048))
        case .hmacSHA256: material = .hmac(SymmetricKey(size: .bits256))
        }
        return SigningKey(material: material, algorithm: algorithm, keyID: keyID)
    }
}

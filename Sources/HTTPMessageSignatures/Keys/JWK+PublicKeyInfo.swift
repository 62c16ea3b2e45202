import Crypto
import CryptoExtras

extension JWK {
    /// The public JWK of a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), such as the key of an X.509 certificate:
    /// Ed25519 (RFC 8410), EC P-256 and P-384 (RFC 5480), RSA (RFC 3279, and RSASSA-PSS keys, RFC 4055). RSA keys
    /// come without `alg`: the key alone does not say which RSA algorithm it signs with.
    public init(subjectPublicKeyInfo der: [UInt8]) throws(KeyError) {
        let info = try PEMKeyReader.publicKeyInfo(der)
        do {
            switch info.algorithm {
            case PEMKeyReader.OID.ed25519:
                let key = try Curve25519.Signing.PublicKey(rawRepresentation: info.key)
                self.init(kty: "OKP", crv: "Ed25519", x: Base64URL.encode(key.rawRepresentation))
            case PEMKeyReader.OID.ecPublicKey where info.curve == PEMKeyReader.OID.p256:
                let raw = [UInt8](try P256.Signing.PublicKey(x963Representation: info.key).rawRepresentation)
                self.init(kty: "EC", crv: "P-256", x: Base64URL.encode(raw[..<32]), y: Base64URL.encode(raw[32...]))
            case PEMKeyReader.OID.ecPublicKey where info.curve == PEMKeyReader.OID.p384:
                let raw = [UInt8](try P384.Signing.PublicKey(x963Representation: info.key).rawRepresentation)
                self.init(kty: "EC", crv: "P-384", x: Base64URL.encode(raw[..<48]), y: Base64URL.encode(raw[48...]))
            case PEMKeyReader.OID.rsaEncryption, PEMKeyReader.OID.rsassaPSS:
                let primitives = try _RSA.Signing.PublicKey(derRepresentation: info.key).getKeyPrimitives()
                self.init(
                    kty: "RSA", n: Base64URL.encode(primitives.modulus), e: Base64URL.encode(primitives.publicExponent))
            case PEMKeyReader.OID.ecPublicKey:
                throw KeyError.unsupportedCurve(info.curve.map { "\($0)" } ?? "(none)")
            default:
                throw KeyError.unsupportedKeyType("\(info.algorithm)")
            }
        } catch let error as KeyError {
            throw error
        } catch {
            throw .malformedPEM("the public key is invalid")
        }
    }
}

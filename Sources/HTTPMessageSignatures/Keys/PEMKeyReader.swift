import Crypto
import CryptoExtras
import SwiftASN1

/// Reads PEM keys (RFC 7468): SPKI public keys, PKCS#8 private keys (RFC 5958), SEC1 EC keys and PKCS#1 RSA keys,
/// including keys whose algorithm identifier is RSASSA-PSS (RFC 4055), which BoringSSL refuses as such: their
/// inner PKCS#1 structure is extracted and read as an RSA key.
enum PEMKeyReader {
    enum OID {
        static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
        static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
        static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
        static let rsassaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 10]
        static let p256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 3, 1, 7]
        static let p384: ASN1ObjectIdentifier = [1, 3, 132, 0, 34]
    }

    /// The algorithm identifier and key bytes of a SubjectPublicKeyInfo or a PKCS#8 PrivateKeyInfo.
    struct KeyInfo {
        var algorithm: ASN1ObjectIdentifier
        var curve: ASN1ObjectIdentifier?
        var key: [UInt8]
    }

    static func document(_ pem: String) throws(KeyError) -> PEMDocument {
        do {
            return try PEMDocument(pemString: pem.trimmingASCIIWhitespace)
        } catch {
            throw .malformedPEM("not a PEM document")
        }
    }

    /// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
    static func publicKeyInfo(_ der: [UInt8]) throws(KeyError) -> KeyInfo {
        do {
            return try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                let (algorithm, curve) = try algorithmIdentifier(&nodes)
                let bits = try ASN1BitString(derEncoded: &nodes)
                return KeyInfo(algorithm: algorithm, curve: curve, key: Array(bits.bytes))
            }
        } catch {
            throw .malformedPEM("not a SubjectPublicKeyInfo")
        }
    }

    /// OneAsymmetricKey / PrivateKeyInfo (RFC 5958 §2); optional trailing attributes are ignored.
    static func privateKeyInfo(_ der: [UInt8]) throws(KeyError) -> KeyInfo {
        do {
            let root = try DER.parse(der)
            guard root.identifier == .sequence, case .constructed(let children) = root.content else {
                throw KeyError.malformedPEM("not a PKCS#8 key")
            }
            var nodes = children.makeIterator()
            _ = try Int(derEncoded: &nodes)
            let (algorithm, curve) = try algorithmIdentifier(&nodes)
            let octets = try ASN1OctetString(derEncoded: &nodes)
            return KeyInfo(algorithm: algorithm, curve: curve, key: Array(octets.bytes))
        } catch let error as KeyError {
            throw error
        } catch {
            throw .malformedPEM("not a PKCS#8 key")
        }
    }

    private static func algorithmIdentifier(_ nodes: inout ASN1NodeCollection.Iterator) throws
        -> (ASN1ObjectIdentifier, ASN1ObjectIdentifier?)
    {
        guard let node = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "missing algorithm") }
        return try DER.sequence(node, identifier: .sequence) { inner in
            let algorithm = try ASN1ObjectIdentifier(derEncoded: &inner)
            var curve: ASN1ObjectIdentifier?
            if let parameters = inner.next(), parameters.identifier == .objectIdentifier {
                curve = try ASN1ObjectIdentifier(derEncoded: parameters)
            }
            // Any other parameters (NULL, RSASSA-PSS-params) are consumed and not needed: the algorithm is fixed by
            // the caller, and RFC 9421 §3.3.1 fixes PSS to SHA-512 / MGF1-SHA-512 / 64-byte salt.
            while inner.next() != nil {}
            return (algorithm, curve)
        }
    }

    /// The raw 32-byte Ed25519 private key inside PKCS#8's `privateKey` OCTET STRING (RFC 8410 §7).
    static func curvePrivateKey(_ octets: [UInt8]) throws(KeyError) -> [UInt8] {
        do {
            return Array(try ASN1OctetString(derEncoded: try DER.parse(octets)).bytes)
        } catch {
            throw .malformedPEM("not an Ed25519 private key")
        }
    }
}

extension VerificationKey {
    /// Reads a PEM public key (SPKI, or PKCS#1 `RSA PUBLIC KEY`) for one algorithm; the key type must fit it.
    public init(pem: String, algorithm: SignatureAlgorithm) throws(KeyError) {
        let document = try PEMKeyReader.document(pem)
        do {
            switch document.discriminator {
            case "PUBLIC KEY":
                let info = try PEMKeyReader.publicKeyInfo(document.derBytes)
                switch (info.algorithm, algorithm) {
                case (PEMKeyReader.OID.ed25519, .ed25519):
                    self.init(
                        material: .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: info.key)),
                        algorithm: algorithm)
                case (PEMKeyReader.OID.ecPublicKey, .ecdsaP256SHA256) where info.curve == PEMKeyReader.OID.p256:
                    self.init(
                        material: .p256(try P256.Signing.PublicKey(x963Representation: info.key)), algorithm: algorithm)
                case (PEMKeyReader.OID.ecPublicKey, .ecdsaP384SHA384) where info.curve == PEMKeyReader.OID.p384:
                    self.init(
                        material: .p384(try P384.Signing.PublicKey(x963Representation: info.key)), algorithm: algorithm)
                case (PEMKeyReader.OID.rsaEncryption, .rsaPSSSHA512), (PEMKeyReader.OID.rsaEncryption, .rsaV15SHA256),
                    (PEMKeyReader.OID.rsassaPSS, .rsaPSSSHA512):
                    // The BIT STRING holds a PKCS#1 RSAPublicKey.
                    self.init(
                        material: .rsa(try _RSA.Signing.PublicKey(derRepresentation: info.key)), algorithm: algorithm)
                default:
                    throw KeyError.algorithmMismatch(key: "PEM key \(info.algorithm)", algorithm: algorithm.rawValue)
                }
            case "RSA PUBLIC KEY":
                guard algorithm == .rsaPSSSHA512 || algorithm == .rsaV15SHA256 else {
                    throw KeyError.algorithmMismatch(key: "RSA", algorithm: algorithm.rawValue)
                }
                self.init(
                    material: .rsa(try _RSA.Signing.PublicKey(derRepresentation: document.derBytes)),
                    algorithm: algorithm)
            default:
                throw KeyError.malformedPEM("'\(document.discriminator)' is not a public key")
            }
        } catch let error as KeyError {
            throw error
        } catch {
            throw .malformedPEM("the key material is invalid")
        }
    }
}

extension SigningKey {
    /// Reads a PEM private key (PKCS#8 `PRIVATE KEY`, SEC1 `EC PRIVATE KEY`, PKCS#1 `RSA PRIVATE KEY`) for one
    /// algorithm; the key type must fit it.
    public init(pem: String, algorithm: SignatureAlgorithm, keyID: String? = nil) throws(KeyError) {
        let document = try PEMKeyReader.document(pem)
        let material: Material
        do {
            switch document.discriminator {
            case "PRIVATE KEY":
                let info = try PEMKeyReader.privateKeyInfo(document.derBytes)
                switch (info.algorithm, algorithm) {
                case (PEMKeyReader.OID.ed25519, .ed25519):
                    material = .ed25519(
                        try Curve25519.Signing.PrivateKey(rawRepresentation: try PEMKeyReader.curvePrivateKey(info.key))
                    )
                case (PEMKeyReader.OID.ecPublicKey, .ecdsaP256SHA256) where info.curve == PEMKeyReader.OID.p256:
                    material = .p256(try P256.Signing.PrivateKey(derRepresentation: document.derBytes))
                case (PEMKeyReader.OID.ecPublicKey, .ecdsaP384SHA384) where info.curve == PEMKeyReader.OID.p384:
                    material = .p384(try P384.Signing.PrivateKey(derRepresentation: document.derBytes))
                case (PEMKeyReader.OID.rsaEncryption, .rsaPSSSHA512), (PEMKeyReader.OID.rsaEncryption, .rsaV15SHA256),
                    (PEMKeyReader.OID.rsassaPSS, .rsaPSSSHA512):
                    // The OCTET STRING holds a PKCS#1 RSAPrivateKey.
                    material = .rsa(try _RSA.Signing.PrivateKey(derRepresentation: info.key))
                default:
                    throw KeyError.algorithmMismatch(key: "PEM key \(info.algorithm)", algorithm: algorithm.rawValue)
                }
            case "EC PRIVATE KEY":
                switch algorithm {
                case .ecdsaP256SHA256: material = .p256(try P256.Signing.PrivateKey(pemRepresentation: pem))
                case .ecdsaP384SHA384: material = .p384(try P384.Signing.PrivateKey(pemRepresentation: pem))
                default: throw KeyError.algorithmMismatch(key: "EC", algorithm: algorithm.rawValue)
                }
            case "RSA PRIVATE KEY":
                guard algorithm == .rsaPSSSHA512 || algorithm == .rsaV15SHA256 else {
                    throw KeyError.algorithmMismatch(key: "RSA", algorithm: algorithm.rawValue)
                }
                material = .rsa(try _RSA.Signing.PrivateKey(derRepresentation: document.derBytes))
            default:
                throw KeyError.malformedPEM("'\(document.discriminator)' is not a private key")
            }
        } catch let error as KeyError {
            throw error
        } catch {
            throw .malformedPEM("the key material is invalid")
        }
        self.init(material: material, algorithm: algorithm, keyID: keyID)
    }
}

import Crypto
import CryptoExtras
import Foundation

extension JWK {
    /// The signature algorithm this JWK implies (RFC 9421 §3.3.7): its `alg` member when present, otherwise the
    /// only algorithm its key type allows. RSA keys without `alg` are ambiguous and yield nil.
    public var impliedAlgorithm: SignatureAlgorithm? {
        if let alg { return SignatureAlgorithm(jwsAlgorithm: alg) }
        switch (kty, crv) {
        case ("OKP", "Ed25519"): return .ed25519
        case ("EC", "P-256"): return .ecdsaP256SHA256
        case ("EC", "P-384"): return .ecdsaP384SHA384
        case ("oct", _): return .hmacSHA256
        default: return nil
        }
    }

    /// Checks that `algorithm` fits this key's type and curve, and that it agrees with the key's `alg` if any.
    func requireCompatible(with algorithm: SignatureAlgorithm) throws(KeyError) {
        let fits: Bool =
            switch algorithm {
            case .ed25519: kty == "OKP" && crv == "Ed25519"
            case .ecdsaP256SHA256: kty == "EC" && crv == "P-256"
            case .ecdsaP384SHA384: kty == "EC" && crv == "P-384"
            case .rsaPSSSHA512, .rsaV15SHA256: kty == "RSA"
            case .hmacSHA256: kty == "oct"
            }
        guard fits, alg.map({ SignatureAlgorithm(jwsAlgorithm: $0) == algorithm }) ?? true else {
            throw .algorithmMismatch(
                key: [kty, crv, alg].compactMap { $0 }.joined(separator: "/"),
                algorithm: algorithm.rawValue)
        }
    }

    func bytes(_ name: String, _ value: String?) throws(KeyError) -> [UInt8] {
        guard let value else { throw .missingMember(name) }
        guard let decoded = Base64URL.decode(value), !decoded.isEmpty else { throw .malformedMember(name) }
        return decoded
    }

    func resolvedAlgorithm(_ requested: SignatureAlgorithm?) throws(KeyError) -> SignatureAlgorithm {
        guard let algorithm = requested ?? impliedAlgorithm else {
            throw .algorithmMismatch(key: kty, algorithm: alg ?? "(none: an RSA JWK needs 'alg')")
        }
        try requireCompatible(with: algorithm)
        return algorithm
    }
}

extension VerificationKey {
    /// Reads the public part of a JWK for one algorithm (the key's implied algorithm when nil).
    public init(jwk: JWK, algorithm requested: SignatureAlgorithm? = nil) throws(KeyError) {
        let algorithm = try jwk.resolvedAlgorithm(requested)
        do {
            switch algorithm {
            case .ed25519:
                self.init(
                    material: .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: try jwk.bytes("x", jwk.x))),
                    algorithm: algorithm)
            case .ecdsaP256SHA256:
                let raw = try jwk.bytes("x", jwk.x) + jwk.bytes("y", jwk.y)
                self.init(material: .p256(try P256.Signing.PublicKey(rawRepresentation: raw)), algorithm: algorithm)
            case .ecdsaP384SHA384:
                let raw = try jwk.bytes("x", jwk.x) + jwk.bytes("y", jwk.y)
                self.init(material: .p384(try P384.Signing.PublicKey(rawRepresentation: raw)), algorithm: algorithm)
            case .rsaPSSSHA512, .rsaV15SHA256:
                let key = try _RSA.Signing.PublicKey(n: try jwk.bytes("n", jwk.n), e: try jwk.bytes("e", jwk.e))
                self.init(material: .rsa(key), algorithm: algorithm)
            case .hmacSHA256:
                self.init(material: .hmac(SymmetricKey(data: try jwk.bytes("k", jwk.k))), algorithm: algorithm)
            }
        } catch let error as KeyError {
            throw error
        } catch {
            throw .malformedMember(algorithm == .hmacSHA256 ? "k" : "x")
        }
    }
}

extension SigningKey {
    /// Reads a private JWK for one algorithm (the key's implied algorithm when nil). `keyid` defaults to `kid`.
    public init(jwk: JWK, algorithm requested: SignatureAlgorithm? = nil) throws(KeyError) {
        let algorithm = try jwk.resolvedAlgorithm(requested)
        guard jwk.isPrivate else { throw .notAPrivateKey }
        do {
            let material: Material
            switch algorithm {
            case .ed25519:
                material = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: try jwk.bytes("d", jwk.d)))
            case .ecdsaP256SHA256:
                material = .p256(try P256.Signing.PrivateKey(rawRepresentation: try jwk.bytes("d", jwk.d)))
            case .ecdsaP384SHA384:
                material = .p384(try P384.Signing.PrivateKey(rawRepresentation: try jwk.bytes("d", jwk.d)))
            case .rsaPSSSHA512, .rsaV15SHA256:
                material = .rsa(
                    try _RSA.Signing.PrivateKey(
                        n: try jwk.bytes("n", jwk.n), e: try jwk.bytes("e", jwk.e), d: try jwk.bytes("d", jwk.d),
                        p: try jwk.bytes("p", jwk.p), q: try jwk.bytes("q", jwk.q)))
            case .hmacSHA256:
                material = .hmac(SymmetricKey(data: try jwk.bytes("k", jwk.k)))
            }
            self.init(material: material, algorithm: algorithm, keyID: jwk.kid)
        } catch let error as KeyError {
            throw error
        } catch {
            throw .malformedMember("d")
        }
    }

    /// The public JWK of this key (with `kid` = ``keyID`` when set). HMAC keys have no public form and throw.
    public func publicJWK() throws(KeyError) -> JWK {
        var jwk: JWK
        switch material {
        case .ed25519(let key):
            jwk = JWK(kty: "OKP", crv: "Ed25519", x: Base64URL.encode(key.publicKey.rawRepresentation))
        case .p256(let key):
            let raw = [UInt8](key.publicKey.rawRepresentation)
            jwk = JWK(kty: "EC", crv: "P-256", x: Base64URL.encode(raw[..<32]), y: Base64URL.encode(raw[32...]))
        case .p384(let key):
            let raw = [UInt8](key.publicKey.rawRepresentation)
            jwk = JWK(kty: "EC", crv: "P-384", x: Base64URL.encode(raw[..<48]), y: Base64URL.encode(raw[48...]))
        case .rsa(let key):
            guard let primitives = try? key.publicKey.getKeyPrimitives() else { throw .malformedMember("n") }
            jwk = JWK(
                kty: "RSA", n: Base64URL.encode(primitives.modulus), e: Base64URL.encode(primitives.publicExponent))
            jwk.alg = algorithm.jwsAlgorithm
        case .hmac:
            throw .unsupportedKeyType("oct (a shared secret has no public form)")
        }
        jwk.kid = keyID
        return jwk
    }

    /// The private JWK, for storing this key locally. Supported for Ed25519 and ECDSA keys.
    public func privateJWK() throws(KeyError) -> JWK {
        var jwk = try publicJWK()
        switch material {
        case .ed25519(let key): jwk.d = Base64URL.encode(key.rawRepresentation)
        case .p256(let key): jwk.d = Base64URL.encode(key.rawRepresentation)
        case .p384(let key): jwk.d = Base64URL.encode(key.rawRepresentation)
        case .rsa, .hmac: throw .unsupportedKeyType("exporting private \(algorithm.rawValue) keys")
        }
        return jwk
    }
}

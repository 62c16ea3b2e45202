import Foundation
import HTTPMessageSignatures

extension VectorFile {
    func algorithm(of testCase: Case) throws -> SignatureAlgorithm {
        guard let algorithm = SignatureAlgorithm(rawValue: testCase.alg) else {
            throw VectorMessageError(description: "unknown algorithm \(testCase.alg)")
        }
        return algorithm
    }

    /// The JWK `alg` the file prints for the case's key when it contradicts the algorithm the signatures use. The only
    /// such key is gnap-rsa (RS256 printed, PS512 used); the case notes must explain it, or the case is wrong.
    func printedJWKAlgorithmErratum(for testCase: Case) throws -> String? {
        guard let printed = keys[testCase.keyId]?.jwk?.alg, printed != (try algorithm(of: testCase)).jwsAlgorithm
        else { return nil }
        guard testCase.notes?.contains(testCase.alg) == true else {
            throw VectorMessageError(description: "\(testCase.name): JWK says \(printed), unexplained")
        }
        return printed
    }

    /// The case's JWK as usable with its algorithm (the erratum `alg`, if any, removed).
    func usableJWK(for testCase: Case) throws -> JWK? {
        guard var jwk = keys[testCase.keyId]?.jwk else { return nil }
        if try printedJWKAlgorithmErratum(for: testCase) != nil { jwk.alg = nil }
        return jwk
    }

    /// The HMAC key of B.1.5: the 64 bytes the Base64 text decodes to (not the text), as an `oct` JWK.
    func sharedSecretJWK(for testCase: Case) throws -> JWK? {
        guard let secret = keys[testCase.keyId]?.base64 else { return nil }
        guard let bytes = Data(base64Encoded: secret), bytes.count == 64 else {
            throw VectorMessageError(description: "\(testCase.keyId) is not 64 Base64 bytes")
        }
        return JWK(kty: "oct", k: Base64URL.encode(bytes))
    }

    /// Every published form of the case's verification key: the shared secret, the public JWK, the PEM public key
    /// and the public half of the PEM private key.
    func verificationKeys(for testCase: Case) throws -> [(form: String, key: VerificationKey)] {
        let algorithm = try algorithm(of: testCase)
        var forms: [(String, VerificationKey)] = []
        if let secret = try sharedSecretJWK(for: testCase) {
            forms.append(("shared secret", try VerificationKey(jwk: secret, algorithm: algorithm)))
        }
        if let jwk = try usableJWK(for: testCase) {
            forms.append(("public JWK", try VerificationKey(jwk: jwk.publicKey, algorithm: algorithm)))
        }
        if let pem = keys[testCase.keyId]?.publicPem {
            forms.append(("PEM public key", try VerificationKey(pem: pem, algorithm: algorithm)))
        }
        if let pem = keys[testCase.keyId]?.privatePem {
            forms.append(("PEM private key", try SigningKey(pem: pem, algorithm: algorithm).verificationKey))
        }
        return forms
    }

    /// Every published form of the case's signing key: the shared secret, the private JWK and the PEM private key.
    func signingKeys(for testCase: Case) throws -> [(form: String, key: SigningKey)] {
        let algorithm = try algorithm(of: testCase)
        var forms: [(String, SigningKey)] = []
        if let secret = try sharedSecretJWK(for: testCase) {
            forms.append(("shared secret", try SigningKey(jwk: secret, algorithm: algorithm)))
        }
        if let jwk = try usableJWK(for: testCase) {
            forms.append(("private JWK", try SigningKey(jwk: jwk, algorithm: algorithm)))
        }
        if let pem = keys[testCase.keyId]?.privatePem {
            forms.append(("PEM private key", try SigningKey(pem: pem, algorithm: algorithm)))
        }
        return forms
    }
}

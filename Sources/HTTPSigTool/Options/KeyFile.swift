import Foundation
import HTTPMessageSignatures

/// Reads the `--key FILE` contents: a JWK (RFC 7517; `oct` for HMAC) or a PEM key (SPKI, PKCS#8, SEC1, PKCS#1).
public enum KeyFile {
    /// A private key (or HMAC secret) for `algorithm`. A JWK's `kid` becomes the key's `keyid`.
    public static func signingKey(_ text: String, algorithm: SignatureAlgorithm) throws(HTTPSigToolError)
        -> SigningKey
    {
        do {
            switch try format(of: text) {
            case .jwk(let jwk): return try SigningKey(jwk: jwk, algorithm: algorithm)
            case .pem: return try SigningKey(pem: text, algorithm: algorithm)
            }
        } catch let error as HTTPSigToolError {
            throw error
        } catch let error as KeyError {
            throw .key(error)
        } catch {
            throw .unrecognizedKeyFile
        }
    }

    /// A public key (or HMAC secret) for `algorithm`. A private key is accepted too: its public half is used.
    public static func verificationKey(_ text: String, algorithm: SignatureAlgorithm) throws(HTTPSigToolError)
        -> VerificationKey
    {
        do {
            switch try format(of: text) {
            case .jwk(let jwk): return try VerificationKey(jwk: jwk, algorithm: algorithm)
            case .pem(let isPrivate):
                if isPrivate { return try SigningKey(pem: text, algorithm: algorithm).verificationKey }
                return try VerificationKey(pem: text, algorithm: algorithm)
            }
        } catch let error as HTTPSigToolError {
            throw error
        } catch let error as KeyError {
            throw .key(error)
        } catch {
            throw .unrecognizedKeyFile
        }
    }

    private enum Format {
        case jwk(JWK)
        case pem(isPrivate: Bool)
    }

    private static func format(of text: String) throws(HTTPSigToolError) -> Format {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            guard let jwk = try? JSONDecoder().decode(JWK.self, from: Data(trimmed.utf8)) else { throw .malformedJWK }
            return .jwk(jwk)
        }
        if trimmed.hasPrefix("-----BEGIN ") {
            let label = trimmed.dropFirst("-----BEGIN ".count).prefix { $0 != "-" }
            return .pem(isPrivate: label.hasSuffix("PRIVATE KEY"))
        }
        throw .unrecognizedKeyFile
    }
}

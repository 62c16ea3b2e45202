import Foundation
import HTTPMessageSignatures

/// JWS compact serialization (RFC 7515 §3.1, §7.1) for the assertions this AS signs (§3.4.1 `id_token`) and the
/// ones clients present back to it (§2.4). Algorithms are the asymmetric ones of RFC 7518 and RFC 8037 that
/// ``SignatureAlgorithm`` knows; `none` and `HS256` are refused, and the verification key is built for the header's
/// algorithm only, so a key of another type cannot be used under it (no algorithm confusion).
public enum CompactJWS {
    /// The protected header (RFC 7515 §4.1).
    public struct Header: Sendable, Hashable, Codable {
        public var alg: String
        public var typ: String?
        public var kid: String?

        public init(alg: String, typ: String? = nil, kid: String? = nil) {
            self.alg = alg
            self.typ = typ
            self.kid = kid
        }

        private enum CodingKeys: String, CodingKey {
            case alg, typ, kid
        }
    }

    /// Why a JWS was refused.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed(String)
        case unsupportedAlgorithm(String)
        case unknownKey
        case badSignature

        public var description: String {
            switch self {
            case .malformed(let what): "malformed JWS: \(what)"
            case .unsupportedAlgorithm(let alg): "unsupported JWS algorithm '\(alg)'"
            case .unknownKey: "no known key matches the JWS"
            case .badSignature: "the JWS signature is not valid"
            }
        }
    }

    /// A parsed, not yet verified, JWS.
    public struct Parts: Sendable, Hashable {
        public var header: Header
        public var payload: [UInt8]
        /// `BASE64URL(header) '.' BASE64URL(payload)`, the bytes the signature covers (RFC 7515 §5.1).
        public var signingInput: [UInt8]
        public var signature: [UInt8]
    }

    /// Signs `payload` with `key` under a header naming the key's algorithm and `kid`.
    public static func sign(payload: [UInt8], key: SigningKey, type: String? = nil) throws -> String {
        let header = Header(alg: key.algorithm.jwsAlgorithm, typ: type, kid: key.keyID)
        let input = Base64URL.encode(try GNAPJSON.encode(header)) + "." + Base64URL.encode(payload)
        return input + "." + Base64URL.encode(try key.sign(Array(input.utf8)))
    }

    /// Splits and decodes a compact JWS without checking its signature.
    public static func parse(_ token: String) throws(Failure) -> Parts {
        let pieces = token.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 3 else { throw .malformed("a compact JWS has three parts") }
        guard let headerBytes = Base64URL.decode(String(pieces[0])),
            let payload = Base64URL.decode(String(pieces[1])),
            let signature = Base64URL.decode(String(pieces[2]))
        else { throw .malformed("a part is not base64url") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(headerBytes))
        } catch {
            throw .malformed("the header is not a JSON object with 'alg'")
        }
        return Parts(
            header: header, payload: payload, signingInput: Array((pieces[0] + "." + pieces[1]).utf8),
            signature: signature)
    }

    /// Verifies `token` against `keys` (a JWK Set's keys; the one named by `kid`, or each when there is no `kid`)
    /// and returns its parts.
    public static func verify(_ token: String, keys: [JWK]) throws(Failure) -> Parts {
        let parts = try parse(token)
        guard let algorithm = SignatureAlgorithm(jwsAlgorithm: parts.header.alg), algorithm != .hmacSHA256 else {
            throw .unsupportedAlgorithm(parts.header.alg)
        }
        let candidates = keys.filter { key in parts.header.kid.map { key.kid == $0 } ?? true }
        let usable = candidates.compactMap { try? VerificationKey(jwk: $0, algorithm: algorithm) }
        guard !usable.isEmpty else { throw .unknownKey }
        guard usable.contains(where: { $0.isValidSignature(parts.signature, over: parts.signingInput) }) else {
            throw .badSignature
        }
        return parts
    }
}

import Foundation
import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// Signs requests the way `SignatureProfile.sign` does (SHA-256 `Content-Digest` on content, the profile's required
/// components, `created`, `nonce`, `keyid` and `tag`), and also returns the signature base, so the bare Ed25519
/// verification can be timed on exactly the bases the AS verifies.
enum RequestSigner {
    struct Signed: Sendable {
        var request: RawRequest
        /// The signature base and the signature over it.
        var base: [UInt8]
        var signature: [UInt8]
        /// The request as the signer built it, for timing the AS's full verification of the same message.
        var head: HTTPRequest
    }

    /// - Parameter nonce: nil signs without a nonce (optional in RFC 9635 §7.3.1, so the AS keeps no replay entry:
    ///   set-up traffic uses that to leave the AS's bounded replay cache to the timed requests).
    static func sign(
        method: HTTPRequest.Method, path: String, authority: String, body: [UInt8], authorization: String? = nil,
        key: SigningKey, profile: SignatureProfile, created: WallInstant, nonce: String?
    ) throws -> Signed {
        var request = HTTPRequest(method: method, scheme: "http", authority: authority, path: path)
        if !body.isEmpty {
            request.headerFields[.contentType] = "application/json"
            request.headerFields[.contentDigest] = ContentDigest.fieldValue(for: body, algorithms: [.sha256])
        }
        request.headerFields[.accept] = "application/json"
        if let authorization { request.headerFields[.authorization] = "GNAP \(authorization)" }
        let components = profile.requiredComponents(hasContent: !body.isEmpty, hasAuthorization: authorization != nil)
        let parameters = SignatureParameters(
            created: created.unixSeconds, nonce: nonce, keyID: key.keyID, tag: profile.tag)
        let base = try MessageSigner.sign(&request, components: components, parameters: parameters, key: key)
        let signature = try signatureBytes(of: request)
        return Signed(
            request: RawRequest(signed: request, body: body), base: base.bytes, signature: signature, head: request)
    }

    /// The bytes of the `sig1` signature just appended (`sig1=:BASE64:`).
    private static func signatureBytes(of request: HTTPRequest) throws -> [UInt8] {
        guard let field = request.headerFields[.signature], field.hasPrefix("sig1=:"), field.hasSuffix(":"),
            let data = Data(base64Encoded: String(field.dropFirst(6).dropLast()))
        else { throw BenchmarkFailure("cannot read back the signature just made") }
        return [UInt8](data)
    }
}

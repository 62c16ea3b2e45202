import Foundation
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// gnapterm signs a GNAP request; the independent Python library http-message-signatures verifies it, signature
/// and Content-Digest, recomputing the signature base from the message alone.
@Suite struct GnaptermSignsPythonVerifiesTests {
    @Test(arguments: SignatureAlgorithm.allCases)
    func pythonVerifies(_ algorithm: SignatureAlgorithm) throws {
        let key = try InteropKey.make(algorithm)
        let (request, base) = try signedRequest(key)

        let output = try PythonHelper.run(.verify, verifyCase(request, body: GNAPRequest.body, key: key))

        #expect(output.status == 0, "http-message-signatures rejected gnapterm's \(algorithm) signature: \(output)")
        guard output.status == 0 else { return }
        let verified = try PythonHelper.decode(PythonVerification.self, from: output)
        #expect(verified.label == GNAPRequest.label)
        #expect(verified.bodyVerified)
        // Both implementations built the same signature base, byte for byte.
        #expect(verified.signatureBase == base.text)
    }

    @Test(arguments: SignatureAlgorithm.allCases)
    func pythonRejectsTamperedAuthorization(_ algorithm: SignatureAlgorithm) throws {
        let key = try InteropKey.make(algorithm)
        var (request, _) = try signedRequest(key)
        // The untampered message verifies, so the rejection below is caused by the tampering alone.
        let control = try PythonHelper.run(.verify, verifyCase(request, body: GNAPRequest.body, key: key))
        #expect(control.status == 0, "\(control)")

        request.headerFields[.authorization] = "GNAP STOLEN-TOKEN-OF-SOMEONE-ELSE"
        let output = try PythonHelper.run(.verify, verifyCase(request, body: GNAPRequest.body, key: key))

        #expect(output.status == 1, "\(output)")
        // Rejected by the cryptographic check itself, not by some parsing problem.
        #expect(output.stderr.contains("cryptography.exceptions.InvalidSignature"), "\(output)")
    }

    @Test func pythonRejectsTamperedBody() throws {
        let key = try InteropKey.make(.ed25519)
        let (request, _) = try signedRequest(key)
        var body = GNAPRequest.body
        body[try #require(body.firstIndex(of: UInt8(ascii: "r")))] = UInt8(ascii: "R")

        let output = try PythonHelper.run(.verify, verifyCase(request, body: body, key: key))

        #expect(output.status == 1, "\(output)")
        #expect(output.stderr.contains("Content-Digest does not match the message body"), "\(output)")
    }

    /// The GNAP request signed by gnapterm with created, keyid, nonce and tag (no `alg`, RFC 9635 §7.3.1).
    private func signedRequest(_ key: InteropKey) throws -> (HTTPRequest, SignatureBase) {
        var request = GNAPRequest.request(digest: true)
        let parameters = SignatureParameters(
            created: GNAPRequest.now, nonce: GNAPRequest.nonce(), keyID: key.keyID, tag: GNAPRequest.tag)
        let base = try MessageSigner.sign(
            &request, label: GNAPRequest.label, components: GNAPRequest.coveredComponents, parameters: parameters,
            key: key.signingKey)
        return (request, base)
    }

    private func verifyCase(_ request: HTTPRequest, body: [UInt8], key: InteropKey) -> InteropCase {
        InteropCase(
            method: GNAPRequest.method, url: GNAPRequest.url, headers: GNAPRequest.fieldLines(request),
            bodyBase64: Data(body).base64EncodedString(), algorithm: key.algorithm.rawValue, key: key.pythonPublic,
            keyid: key.keyID, label: GNAPRequest.label, expectTag: GNAPRequest.tag,
            requiredComponents: GNAPRequest.coveredComponents.map(\.serialized), maxAge: 300)
    }
}

import Foundation
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// The independent Python library http-message-signatures signs a GNAP request (and adds its Content-Digest);
/// gnapterm verifies it, recomputing the signature base from the returned message alone.
@Suite struct PythonSignsGnaptermVerifiesTests {
    @Test(arguments: SignatureAlgorithm.allCases)
    func gnaptermVerifies(_ algorithm: SignatureAlgorithm) throws {
        let key = try InteropKey.make(algorithm)
        let (request, pythonBase) = try pythonSignedRequest(key)

        let result = verify(request, key: key)

        guard case .verified(let verified) = result else {
            Issue.record("gnapterm rejected the library's \(algorithm) signature: \(result)")
            return
        }
        #expect(verified.label == GNAPRequest.label)
        #expect(verified.parameters.tag == GNAPRequest.tag)
        #expect(verified.parameters.algorithm == nil)
        // Both implementations built the same signature base, byte for byte.
        #expect(verified.base.text == pythonBase)
        let digest = try #require(request.headerFields[.contentDigest])
        #expect(ContentDigest.verify(fieldValue: digest, body: GNAPRequest.body) == .valid(algorithms: [.sha256]))
    }

    @Test(arguments: SignatureAlgorithm.allCases)
    func gnaptermRejectsTamperedTarget(_ algorithm: SignatureAlgorithm) throws {
        let key = try InteropKey.make(algorithm)
        var (request, _) = try pythonSignedRequest(key)
        // The untampered message verifies, so the rejection below is caused by the tampering alone.
        #expect(verify(request, key: key).verified != nil)

        request.path = "/gnap/continue?grant=SOMEONE-ELSES-GRANT&locale=de-CH"
        let result = verify(request, key: key)

        #expect(result == .failed([SignatureFailure(label: GNAPRequest.label, reason: .invalidSignature)]))
    }

    @Test func gnaptermRejectsTamperedBody() throws {
        let key = try InteropKey.make(.ed25519)
        let (request, _) = try pythonSignedRequest(key)
        var body = GNAPRequest.body
        body[try #require(body.firstIndex(of: UInt8(ascii: "r")))] = UInt8(ascii: "R")

        let digest = try #require(request.headerFields[.contentDigest])
        #expect(ContentDigest.verify(fieldValue: digest, body: GNAPRequest.body).isValid)
        #expect(ContentDigest.verify(fieldValue: digest, body: body) == .mismatch(.sha256))
    }

    /// The GNAP request without Content-Digest, signed by the Python library, rebuilt from the fields it returned.
    private func pythonSignedRequest(_ key: InteropKey) throws -> (HTTPRequest, String) {
        let unsigned = GNAPRequest.request(digest: false)
        let signCase = InteropCase(
            method: GNAPRequest.method, url: GNAPRequest.url, headers: GNAPRequest.fieldLines(unsigned),
            bodyBase64: Data(GNAPRequest.body).base64EncodedString(), algorithm: key.algorithm.rawValue,
            key: key.pythonPrivate, keyid: key.keyID, label: GNAPRequest.label,
            coveredComponents: GNAPRequest.coveredComponents.map(\.serialized), created: GNAPRequest.now,
            nonce: GNAPRequest.nonce(), tag: GNAPRequest.tag)
        let output = try PythonHelper.run(.sign, signCase)
        guard output.status == 0 else {
            throw InteropError.helperFailed(command: "sign", status: output.status, standardError: output.stderr)
        }
        let signed = try PythonHelper.decode(PythonSignature.self, from: output)
        return (try GNAPRequest.request(fields: signed.headers), signed.signatureBase)
    }

    /// gnapterm's verification as a GNAP AS would do it (§7.3.1): required components, tag, age.
    private func verify(_ request: HTTPRequest, key: InteropKey) -> VerificationResult {
        let policy = VerificationPolicy(
            requiredComponents: GNAPRequest.coveredComponents, requiredTag: GNAPRequest.tag, maximumAge: 300,
            now: GNAPRequest.now)
        return MessageVerifier.verify(.request(request), policy: policy) { signature in
            signature.parameters.keyID == key.keyID ? key.signingKey.verificationKey : nil
        }
    }
}

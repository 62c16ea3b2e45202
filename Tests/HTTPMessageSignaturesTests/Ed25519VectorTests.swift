import Foundation
import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("RFC 9421 vectors")
struct Ed25519VectorTests {
    let vectors: VectorFile

    init() throws { vectors = try VectorFile.load() }

    /// B.2.6 reproduced byte for byte: the base, the Signature-Input member and the (deterministic) signature.
    @Test func reproducesB26Ed25519ByteForByte() throws {
        let testCase = try vectors.testCase("B.2.6-ed25519")
        var request = try vectors.request(testCase.message)
        let key = try vectors.signingKey(for: testCase)
        let components = ["date", "@method", "@path", "@authority", "content-type", "content-length"]
            .map { ComponentIdentifier($0) }
        let base = try MessageSigner.sign(
            &request, label: testCase.label, components: components,
            parameters: SignatureParameters(created: 1618884473, keyID: "test-key-ed25519"), key: key)
        #expect(base.text == testCase.signatureBase)
        #expect(request.headerFields[.signatureInput] == testCase.signatureInput)
        #expect(request.headerFields[.signature] == testCase.signature)
    }

    /// Every published request signature: the base rebuilt from the received message matches the printed one, and
    /// the signature verifies with the published key.
    @Test(arguments: [
        "B.2.1-minimal-rsa-pss", "B.2.2-selective-rsa-pss", "B.2.3-full-coverage-rsa-pss", "B.2.5-hmac-sha256",
        "B.2.6-ed25519", "sec2.5-3.1-3.2-rsa-pss", "sec2.4-signed-request-sig1", "sec4.3-client-sig1",
        "gnap-7.3.1-httpsig-rsa-pss", "gnap-7.2-access-token-rsa-pss",
    ])
    func verifiesPublishedRequestSignature(name: String) throws {
        let testCase = try vectors.testCase(name)
        var request = try vectors.request(testCase.message)
        request.headerFields[.signatureInput] = testCase.signatureInput
        request.headerFields[.signature] = testCase.signature
        if name.hasPrefix("gnap-") { request.scheme = "https" }
        let key = try vectors.signingKey(for: testCase).verificationKey
        let result = MessageVerifier.verify(
            .request(request), policy: VerificationPolicy(requireCreated: false, maximumAge: nil, now: 1618884480)
        ) { _ in key }
        let verified = try #require(result.verified, "\(result)")
        #expect(verified.base.text == testCase.signatureBase)
        #expect(verified.label == testCase.label)
    }

    @Test func tamperedMessageIsRejected() throws {
        let testCase = try vectors.testCase("B.2.6-ed25519")
        var request = try vectors.request(testCase.message)
        request.headerFields[.signatureInput] = testCase.signatureInput
        request.headerFields[.signature] = testCase.signature
        request.headerFields[.contentType] = "application/xml"
        let key = try vectors.signingKey(for: testCase).verificationKey
        let result = MessageVerifier.verify(
            .request(request), policy: VerificationPolicy(requireCreated: false, maximumAge: nil, now: 1618884480)
        ) { _ in key }
        #expect(result == .failed([SignatureFailure(label: "sig-b26", reason: .invalidSignature)]))
    }

    @Test func contentDigestExamples() throws {
        for example in vectors.contentDigest where example.reproducedHere {
            guard let algorithm = DigestAlgorithm(rawValue: example.alg) else { continue }
            let body = [UInt8](hex: example.bodyHex)
            #expect(ContentDigest.fieldValue(for: body, algorithms: [algorithm]) == "\(example.alg)=:\(example.value):")
            #expect(ContentDigest.verify(fieldValue: "\(example.alg)=:\(example.value):", body: body).isValid)
        }
    }
}

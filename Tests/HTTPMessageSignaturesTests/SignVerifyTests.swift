import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("Signing and verification")
struct SignVerifyTests {
    let key = SigningKey.generateEd25519(keyID: "client-key")
    let now: Int64 = 1_700_000_000

    func signedRequest(
        components: [ComponentIdentifier] = [.method, .targetURI, .field("content-digest")],
        parameters: SignatureParameters? = nil, body: String = #"{"a":1}"#
    ) throws -> HTTPRequest {
        var request = HTTPRequest(method: .post, scheme: "https", authority: "as.example", path: "/gnap?x=1")
        request.headerFields[.contentDigest] = ContentDigest.fieldValue(for: Array(body.utf8))
        try MessageSigner.sign(
            &request, components: components,
            parameters: parameters ?? SignatureParameters(created: now, nonce: "n1", keyID: "client-key", tag: "gnap"),
            key: key)
        return request
    }

    func verify(_ request: HTTPRequest, policy: VerificationPolicy? = nil) -> VerificationResult {
        MessageVerifier.verify(.request(request), policy: policy ?? VerificationPolicy(requiredTag: "gnap", now: now)) {
            _ in key.verificationKey
        }
    }

    @Test func roundTrip() throws {
        let result = verify(try signedRequest())
        let verified = try #require(result.verified)
        #expect(verified.parameters.nonce == "n1")
        #expect(verified.base.text.hasPrefix("\"@method\": POST\n\"@target-uri\": https://as.example/gnap?x=1\n"))
    }

    @Test func everyTamperedComponentFails() throws {
        var changedMethod = try signedRequest()
        changedMethod.method = .put
        var changedPath = try signedRequest()
        changedPath.path = "/gnap?x=2"
        var changedDigest = try signedRequest()
        changedDigest.headerFields[.contentDigest] = ContentDigest.fieldValue(for: Array("other".utf8))
        var changedSignature = try signedRequest()
        changedSignature.headerFields[.signature] = "sig1=:" + String(repeating: "A", count: 86) + "==:"
        for request in [changedMethod, changedPath, changedDigest, changedSignature] {
            #expect(verify(request) == .failed([SignatureFailure(label: "sig1", reason: .invalidSignature)]))
        }
    }

    @Test func otherKeyFails() throws {
        let other = SigningKey.generateEd25519()
        let result = MessageVerifier.verify(.request(try signedRequest()), policy: VerificationPolicy(now: now)) { _ in
            other.verificationKey
        }
        #expect(result == .failed([SignatureFailure(label: "sig1", reason: .invalidSignature)]))
    }

    @Test func policyFailuresSayWhy() throws {
        let request = try signedRequest()
        #expect(
            verify(request, policy: VerificationPolicy(requiredComponents: [.field("authorization")], now: now))
                == .failed([SignatureFailure(label: "sig1", reason: .missingRequiredComponent("\"authorization\""))]))
        #expect(
            verify(request, policy: VerificationPolicy(requiredTag: "other", now: now))
                == .failed([SignatureFailure(label: nil, reason: .noSignatureWithTag("other"))]))
        #expect(
            verify(request, policy: VerificationPolicy(now: now + 1000))
                == .failed([SignatureFailure(label: "sig1", reason: .tooOld(created: now, now: now + 1000))]))
        #expect(
            verify(request, policy: VerificationPolicy(now: now - 1000))
                == .failed([SignatureFailure(label: "sig1", reason: .createdInFuture(created: now, now: now - 1000))]))
        let noCreated = try signedRequest(parameters: SignatureParameters(keyID: "client-key", tag: "gnap"))
        #expect(verify(noCreated) == .failed([SignatureFailure(label: "sig1", reason: .missingCreated)]))
        let expired = try signedRequest(
            parameters: SignatureParameters(created: now - 100, expires: now - 60, tag: "gnap"))
        #expect(
            verify(expired) == .failed([SignatureFailure(label: "sig1", reason: .expired(expires: now - 60, now: now))])
        )
    }

    @Test func declaredAlgorithmMustMatchKey() throws {
        let request = try signedRequest(
            parameters: SignatureParameters(created: now, algorithm: .hmacSHA256, keyID: "client-key", tag: "gnap"))
        #expect(
            verify(request)
                == .failed([
                    SignatureFailure(label: "sig1", reason: .algorithmMismatch(declared: "hmac-sha256", key: .ed25519))
                ]))
    }

    @Test func unsignedAndMalformedMessages() {
        var request = HTTPRequest(method: .get, scheme: "https", authority: "as.example", path: "/")
        #expect(verify(request) == .failed([SignatureFailure(label: nil, reason: .noSignatures)]))
        request.headerFields[.signatureInput] = "sig1=(\"@method\""
        request.headerFields[.signature] = "sig1=:AAAA:"
        guard case .failed(let failures) = verify(request), case .malformedFields = failures.first?.reason else {
            Issue.record("a malformed Signature-Input must be reported as such")
            return
        }
        request.headerFields[.signatureInput] = "sig1=(\"@method\");created=1"
        request.headerFields[.signature] = "sig2=:AAAA:"
        #expect(
            verify(request, policy: VerificationPolicy(now: now))
                == .failed([SignatureFailure(label: nil, reason: .malformedFields(.missingSignature("sig1")))]))
    }

    @Test func missingCoveredComponentIsAnError() throws {
        var request = HTTPRequest(method: .post, scheme: "https", authority: "as.example", path: "/")
        #expect(throws: SignatureBaseError.component(.missingField("content-digest"))) {
            try MessageSigner.sign(
                &request, components: [.method, .field("content-digest")], parameters: SignatureParameters(), key: key)
        }
        #expect(throws: SignatureBaseError.duplicateComponent("\"@method\"")) {
            try MessageSigner.sign(
                &request, components: [.method, .method], parameters: SignatureParameters(), key: key)
        }
    }

    @Test func secondSignatureIsAppendedNotClobbered() throws {
        var request = try signedRequest()
        let proxyKey = SigningKey.generateEd25519(keyID: "proxy")
        try MessageSigner.sign(
            &request, label: "proxy", components: [.method, .authority],
            parameters: SignatureParameters(created: now, keyID: "proxy"), key: proxyKey)
        #expect(request.headerFields[values: .signatureInput].count == 2)
        #expect(throws: SigningError.labelInUse("proxy")) {
            try MessageSigner.sign(
                &request, label: "proxy", components: [.method], parameters: SignatureParameters(), key: proxyKey)
        }
        // Each signature verifies with its own key; the tag filter picks the client's.
        #expect(verify(request).label == "sig1")
        let proxyResult = MessageVerifier.verify(.request(request), policy: VerificationPolicy(now: now)) { signature in
            signature.parameters.keyID == "proxy" ? proxyKey.verificationKey : nil
        }
        #expect(proxyResult.verified?.label == "proxy")
    }

    @Test func derivedComponentValues() throws {
        var request = HTTPRequest(
            method: .get, scheme: "HTTPS", authority: "Example.COM:443", path: "/p/a?x=a+b&y=%C3%A7&z")
        request.headerFields[HTTPField.Name("x-dup")!] = "one"
        request.headerFields.append(HTTPField(name: HTTPField.Name("x-dup")!, value: "  two "))
        let base = try SignatureBase(
            message: .request(request),
            components: [
                .authority, .scheme, .path, .query, .requestTarget, .queryParam("x"), .queryParam("y"),
                .queryParam("z"), .field("x-dup"), ComponentIdentifier("x-dup", parameters: ["bs": .bool(true)]),
            ],
            parameters: SignatureParameters())
        let lines = base.text.split(separator: "\n").map(String.init)
        #expect(
            lines.dropLast() == [
                "\"@authority\": example.com", "\"@scheme\": https", "\"@path\": /p/a", "\"@query\": ?x=a+b&y=%C3%A7&z",
                "\"@request-target\": /p/a?x=a+b&y=%C3%A7&z", "\"@query-param\";name=\"x\": a%20b",
                "\"@query-param\";name=\"y\": %C3%A7", "\"@query-param\";name=\"z\": ", "\"x-dup\": one, two",
                "\"x-dup\";bs: :b25l:, :dHdv:",
            ])
    }
}

extension VerificationResult {
    var label: String? { verified?.label }
}

import GNAP
import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("GNAP httpsig profile (RFC 9635 §7.3.1)")
struct SignatureProfileTests {
    let key = SigningKey.generateEd25519(keyID: "client")
    let now = WallInstant(unixSeconds: 1_700_000_000)
    let content = Array(#"{"access_token": {"access": ["x"]}}"#.utf8)

    func request(authorization: String? = nil) -> HTTPRequest {
        var request = HTTPRequest(method: .post, scheme: "https", authority: "as.example", path: "/gnap")
        request.headerFields[.contentType] = "application/json"
        if let authorization { request.headerFields[.authorization] = authorization }
        return request
    }

    func verify(
        _ request: HTTPRequest, content: [UInt8]? = nil, profile: SignatureProfile = .gnap, keyID: String? = "client"
    )
        -> Result<VerifiedSignature, SignatureRejection>
    {
        profile.verify(request, content: content ?? self.content, key: key.verificationKey, keyID: keyID, now: now)
    }

    @Test func signsTheRequiredComponents() throws {
        var signed = request(authorization: "GNAP abc")
        try SignatureProfile.gnap.sign(&signed, content: content, key: key, now: now)
        let verified = try verify(signed).get()
        #expect(
            verified.signature.components == [.method, .targetURI, .field("content-digest"), .field("authorization")])
        #expect(verified.parameters.tag == "gnap")
        #expect(verified.parameters.created == now.unixSeconds)
        #expect(verified.parameters.algorithm == nil)
    }

    @Test func contentMustMatchTheDigest() throws {
        var signed = request()
        try SignatureProfile.gnap.sign(&signed, content: content, key: key, now: now)
        guard case .failure(.contentDigest(let detail)) = verify(signed, content: content + [0x20]) else {
            Issue.record("changed content must be refused")
            return
        }
        #expect(detail.contains("does not match"))
        var noDigest = signed
        noDigest.headerFields[.contentDigest] = nil
        #expect(throws: SignatureRejection.self) { try verify(noDigest).get() }
    }

    @Test func uncoveredAuthorizationIsRefused() throws {
        var signed = request()
        try SignatureProfile.gnap.sign(&signed, content: content, key: key, now: now)
        // A token added after signing is not covered: §7.3.1 requires `authorization` to be signed.
        signed.headerFields[.authorization] = "GNAP stolen"
        guard case .failure(let rejection) = verify(signed) else {
            Issue.record("must refuse")
            return
        }
        #expect(rejection.description.contains("\"authorization\""))
    }

    @Test func wrongTagKeyIDOrAlgParameterIsRefused() throws {
        var approverSigned = request()
        try SignatureProfile.approverAPI.sign(&approverSigned, content: content, key: key, now: now)
        #expect(throws: SignatureRejection.self) { try verify(approverSigned).get() }
        var signed = request()
        try SignatureProfile.gnap.sign(&signed, content: content, key: key, now: now)
        #expect(throws: SignatureRejection.self) { try verify(signed, keyID: "someone-else").get() }
        var withAlg = request()
        withAlg.headerFields[.contentDigest] = ContentDigest.fieldValue(for: content)
        try MessageSigner.sign(
            &withAlg, components: [.method, .targetURI, .field("content-digest")],
            parameters: SignatureParameters(
                created: now.unixSeconds, algorithm: .ed25519, keyID: "client", tag: "gnap"),
            key: key)
        #expect(throws: SignatureRejection.self) { try verify(withAlg).get() }
    }

    @Test func approverProfileRequiresANonce() throws {
        var signed = request()
        signed.headerFields[.contentDigest] = ContentDigest.fieldValue(for: content)
        try MessageSigner.sign(
            &signed, components: [.method, .targetURI, .field("content-digest")],
            parameters: SignatureParameters(created: now.unixSeconds, keyID: "client", tag: "gnapterm"), key: key)
        guard case .failure(let rejection) = verify(signed, profile: .approverAPI) else {
            Issue.record("a signature without nonce must be refused")
            return
        }
        #expect(rejection.description.contains("nonce"))
    }

    @Test func staleSignaturesAreRefused() throws {
        var signed = request()
        try SignatureProfile.gnap.sign(
            &signed, content: content, key: key, now: WallInstant(unixSeconds: now.unixSeconds - 1000))
        guard case .failure(let rejection) = verify(signed) else {
            Issue.record("must refuse")
            return
        }
        #expect(rejection.description.contains("too old"))
    }
}

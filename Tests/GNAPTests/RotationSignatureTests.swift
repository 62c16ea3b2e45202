import GNAP
import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("Key rotation signatures (RFC 9635 §7.3.1.1)")
struct RotationSignatureTests {
    let oldKey = SigningKey.generateEd25519(keyID: "old")
    let newKey = SigningKey.generateEd25519(keyID: "new")
    let now = WallInstant(unixSeconds: 1_700_000_000)

    func content() throws -> [UInt8] {
        try GNAPJSON.encode(["key": ClientKeyValue(proof: .httpsig, jwk: try newKey.publicJWK())])
    }

    func request() -> HTTPRequest {
        var request = HTTPRequest(method: .post, scheme: "https", authority: "as.example", path: "/gnap/token/t1")
        request.headerFields[.authorization] = "GNAP management-token"
        return request
    }

    func verify(_ request: HTTPRequest, content: [UInt8]) -> Result<
        (old: VerifiedSignature, new: VerifiedSignature), SignatureRejection
    > {
        SignatureProfile.gnap.verifyRotation(
            request, content: content, oldKey: oldKey.verificationKey, oldKeyID: "old", newKey: newKey.verificationKey,
            newKeyID: "new", now: now)
    }

    @Test func bothSignaturesVerifyAndTheNewOneCoversTheOld() throws {
        var signed = request()
        let body = try content()
        try SignatureProfile.gnap.signRotation(&signed, content: body, oldKey: oldKey, newKey: newKey, now: now)
        let (old, new) = try verify(signed, content: body).get()
        #expect(old.parameters.tag == "gnap")
        #expect(new.parameters.tag == "gnap-rotate")
        #expect(
            new.signature.components.suffix(2).map(\.serialized) == [
                #""signature";key="old-key""#, #""signature-input";key="old-key""#,
            ])
        #expect(
            new.base.text.contains(
                #""signature-input";key="old-key": ("@method" "@target-uri" "content-digest" "authorization")"#))
    }

    @Test func everyMissingOrForeignProofIsRefused() throws {
        let body = try content()
        // Only the old key signed.
        var onlyOld = request()
        try SignatureProfile.gnap.sign(&onlyOld, content: body, key: oldKey, now: now)
        #expect(throws: SignatureRejection.self) { try verify(onlyOld, content: body).get() }
        // The new key signed without covering the old signature.
        var uncovered = request()
        try SignatureProfile.gnap.sign(&uncovered, content: body, key: oldKey, now: now)
        var rotateTagOnly = SignatureProfile.gnap
        rotateTagOnly.tag = SignatureProfile.rotationTag
        var second = uncovered
        second.headerFields[.signatureInput] = nil
        second.headerFields[.signature] = nil
        try rotateTagOnly.sign(&second, content: body, key: newKey, now: now)
        for field in second.headerFields where field.name == .signatureInput || field.name == .signature {
            uncovered.headerFields.append(
                HTTPField(name: field.name, value: field.value.replacingOccurrences(of: "sig1=", with: "new=")))
        }
        #expect(throws: SignatureRejection.self) { try verify(uncovered, content: body).get() }
        // A third party's key in place of the new key.
        var impostor = request()
        try SignatureProfile.gnap.signRotation(
            &impostor, content: body, oldKey: oldKey, newKey: .generateEd25519(keyID: "new"), now: now)
        #expect(throws: SignatureRejection.self) { try verify(impostor, content: body).get() }
        // The old signature replaced after the new one was made.
        var swapped = request()
        try SignatureProfile.gnap.signRotation(&swapped, content: body, oldKey: oldKey, newKey: newKey, now: now)
        var other = request()
        try SignatureProfile.gnap.signRotation(&other, content: body, oldKey: oldKey, newKey: newKey, now: now)
        let otherOld = other.headerFields[values: .signature][0]
        var fields = HTTPFields()
        var replaced = false
        for field in swapped.headerFields {
            if field.name == .signature && !replaced {
                fields.append(HTTPField(name: .signature, value: otherOld))
                replaced = true
            } else {
                fields.append(field)
            }
        }
        swapped.headerFields = fields
        #expect(throws: SignatureRejection.self) { try verify(swapped, content: body).get() }
        // Content is required: the old key must cover the new key.
        var empty = request()
        #expect(throws: RotationSigningError.noContent) {
            try SignatureProfile.gnap.signRotation(&empty, content: [], oldKey: oldKey, newKey: newKey, now: now)
        }
    }
}

import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Malformed `Signature-Input` and `Signature` fields: each is a typed failure of the verifier, never a trap.
@Suite("Bad input: Signature-Input and Signature")
struct SignatureFieldBadInputTests {
    static let notADictionary = SignatureFieldError.malformed("signature-input is not a valid structured dictionary")
    static let notAMember = SignatureFieldError.malformed("Signature-Input member 'sig1'")

    static func wrongType(_ parameter: String) -> SignatureFieldError {
        .malformed("Signature-Input member 'sig1': parameter '\(parameter)' has the wrong type")
    }

    static let malformedInputs: [(String, SignatureFieldError)] = [
        (#"sig1=("@method" "@pa"#, notADictionary),
        ("sig1=(", notADictionary),
        ("sig1=", notADictionary),
        (",", notADictionary),
        ("=", notADictionary),
        (#"sig1=(("@method"))"#, notADictionary),
        ("sig1=();created=99999999999999999999", notADictionary),
        ("sig1", notAMember),
        ("sig1=:AA==:", notAMember),
        ("sig1=1", notAMember),
        (#"sig1="@method""#, notAMember),
        (#"sig1=("@method");created="1""#, wrongType("created")),
        (#"sig1=("@method");expires=1.5"#, wrongType("expires")),
        (#"sig1=("@method");keyid=1"#, wrongType("keyid")),
        (#"sig1=("@method");nonce=?1"#, wrongType("nonce")),
        (#"sig1=("@method");tag=:AA==:"#, wrongType("tag")),
        (#"sig1=("@method");alg=@1659578233"#, wrongType("alg")),
        ("sig1=(1 2)", .malformed("Signature-Input member 'sig1': component names must be strings")),
        (#"sig1=("@method" :AA==:)"#, .malformed("Signature-Input member 'sig1': component names must be strings")),
    ]

    @Test(arguments: malformedInputs)
    func malformedSignatureInput(input: String, expected: SignatureFieldError) throws {
        let request = try Hostile.request(input: input, signature: "sig1=:AA==:")
        #expect(Hostile.reason(Hostile.verify(.request(request))) == .malformedFields(expected))
        // A signer refuses to add to such a message rather than produce a second, unverifiable field.
        var copy = request
        #expect(throws: expected) {
            try MessageSigner.sign(
                &copy, label: "sig2", components: [.method], parameters: SignatureParameters(created: 1),
                key: Hostile.key)
        }
    }

    static let notASignature = SignatureFieldError.malformed("Signature member 'sig1' is not a byte sequence")

    static let malformedSignatures: [(String, SignatureFieldError)] = [
        ("sig1=:not base64!:", .malformed("signature is not a valid structured dictionary")),
        ("sig1=:YWJj", .malformed("signature is not a valid structured dictionary")),
        ("sig1=:AA==:, ", .malformed("signature is not a valid structured dictionary")),
        (#"sig1="YWJj""#, notASignature),
        ("sig1=YWJj", notASignature),
        ("sig1=1", notASignature),
        ("sig1", notASignature),
        ("sig1=(:AA==:)", notASignature),
        ("sig1=:A:", notASignature),
        ("sig1=:AA=A:", notASignature),
        ("sig1=:AAA==:", notASignature),
        ("sig1=:AA===:", notASignature),
    ]

    @Test(arguments: malformedSignatures)
    func malformedSignature(signature: String, expected: SignatureFieldError) throws {
        let request = try Hostile.request(input: #"sig1=("@method");created=1700000000"#, signature: signature)
        #expect(Hostile.reason(Hostile.verify(.request(request))) == .malformedFields(expected))
    }

    @Test func labelsThatDoNotMatch() throws {
        let input = #"sig1=("@method");created=1700000000"#
        let mismatched = try Hostile.request(input: input, signature: "sig2=:AA==:")
        #expect(Hostile.reason(Hostile.verify(.request(mismatched))) == .malformedFields(.missingSignature("sig1")))
        let inputOnly = try Hostile.request([("Signature-Input", input)])
        #expect(Hostile.reason(Hostile.verify(.request(inputOnly))) == .malformedFields(.missingSignature("sig1")))
        // A Signature member without an input is not a signature at all.
        let signatureOnly = try Hostile.request([("Signature", "sig1=:AA==:")])
        #expect(
            Hostile.verify(.request(signatureOnly)) == .failed([SignatureFailure(label: nil, reason: .noSignatures)]))
        // The label is only a name: a valid signature moved under another label still verifies as what it is, and
        // a signature swapped between two labels fails for both.
        let signed = try Hostile.signed(try Hostile.request(), components: [.method])
        let one = try #require(signed.headerFields[.signature]).dropFirst("sig1=".count)
        let two = try Hostile.signed(
            try Hostile.request(), components: [.path], parameters: SignatureParameters(created: Hostile.now))
        let other = try #require(two.headerFields[.signature]).dropFirst("sig1=".count)
        let swapped = try Hostile.request(
            input: "a=(\"@method\");created=\(Hostile.now);keyid=\"k\", b=(\"@path\");created=\(Hostile.now)",
            signature: "a=\(other), b=\(one)")
        #expect(
            Hostile.verify(.request(swapped))
                == .failed([
                    SignatureFailure(label: "a", reason: .invalidSignature),
                    SignatureFailure(label: "b", reason: .invalidSignature),
                ]))
    }
}

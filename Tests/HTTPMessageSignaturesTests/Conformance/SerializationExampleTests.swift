import Foundation
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// The field values of RFC 9421 that have no signature to go with them: each is parsed and strictly re-serialized
/// (RFC 9651 §4.1) through the public API, which must give back exactly the printed text.
@Suite("RFC 9421 serialization examples")
struct SerializationExampleTests {
    @Test("serialization example", arguments: try VectorCatalog.serializationExampleIndices())
    func example(index: Int) throws {
        let example = try VectorCatalog.vectors().serializationExamples[index]
        switch example.section {
        case "2.3":
            // The @signature-params value, parameters in the unusual order keyid, alg, created, expires.
            let signature = try Self.received(input: "sig=" + example.value)
            #expect(signature.parameters.ordered.map(\.0) == ["keyid", "alg", "created", "expires"])
            #expect(signature.parameters.expires == 1_618_884_775)
            #expect(try Self.reserialized(signature) == example.value)
        case "4.1":
            let signature = try Self.received(input: example.value)
            #expect("sig1=" + (try Self.reserialized(signature)) == example.value)
        case "4.2":
            let signature = try Self.received(input: "sig1=()", signature: example.value)
            #expect(signature.signature.count == 256)  // an RSA-2048 signature
            #expect("sig1=:\(Data(signature.signature).base64EncodedString()):" == example.value)
        case "5.1":
            // Accept-Signature carries `created` without a value (a Boolean): it is not a valid Signature-Input.
            #expect(
                throws: SignatureFieldError.malformed(
                    "Signature-Input member 'sig1': parameter 'created' has the wrong type")
            ) {
                try Self.received(input: example.value)
            }
        case "7.2.8":
            #expect(example.what.contains("do not use as a vector"))
            skip("\(example.section): \(example.what)")
            return
        default:
            Issue.record("no check for serialization example \(example.section): \(example.what)")
        }
    }

    /// The one signature of a message with these `Signature-Input` and `Signature` values.
    static func received(input: String, signature: String? = nil) throws -> ReceivedSignature {
        var fields = HTTPFields()
        fields[.signatureInput] = input
        let label = String(input.prefix { $0 != "=" })
        fields[.signature] = signature ?? "\(label)=:AA==:"
        return try #require(try ReceivedSignature.all(in: fields).first)
    }

    /// The signature's `@signature-params` value, obtained by building its base over a request that has every
    /// covered component.
    static func reserialized(_ signature: ReceivedSignature) throws -> String {
        var request = HTTPRequest(method: .post, scheme: "https", authority: "example.com", path: "/foo?a=b")
        for component in signature.components where !component.isDerived {
            request.headerFields.append(HTTPField(name: try #require(HTTPField.Name(component.name)), value: "x"))
        }
        let base = try SignatureBase(
            message: .request(request), components: signature.components, parameters: signature.parameters)
        return base.signatureParamsValue
    }
}

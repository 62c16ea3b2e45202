import RawStructuredFieldValues
import Testing

@testable import HTTPMessageSignatures

/// `SignatureParameters` keeps typed copies of the §2.3 parameters next to the ordered map; they must always say what
/// the map says.
@Suite("Signature parameters: typed view of the ordered map")
struct SignatureParametersCacheTests {
    @Test func receivedParametersAreReadFromTheMap() {
        var map = OrderedMap<String, RFC9651BareItem>()
        map["tag"] = .string("gnap")
        map["created"] = .integer(1_618_884_473)
        map["keyid"] = .string("k1")
        map["nonce"] = .string("n")
        map["alg"] = .string("ed25519")
        map["expires"] = .integer(1_618_884_773)
        map["other"] = .token("x")
        let parameters = SignatureParameters(ordered: map)
        #expect(parameters.tag == "gnap")
        #expect(parameters.created == 1_618_884_473)
        #expect(parameters.keyID == "k1")
        #expect(parameters.nonce == "n")
        #expect(parameters.algorithm == "ed25519")
        #expect(parameters.expires == 1_618_884_773)
        #expect(parameters.ordered == map)
    }

    @Test func parametersOfAnotherTypeReadAsAbsent() {
        var map = OrderedMap<String, RFC9651BareItem>()
        map["created"] = .string("1618884473")
        map["expires"] = .decimal(PseudoDecimal(mantissa: 15, exponent: -1))
        map["keyid"] = .token("k1")
        map["nonce"] = .integer(5)
        map["alg"] = .bool(true)
        map["tag"] = .undecodedByteSequence("AA==")
        let parameters = SignatureParameters(ordered: map)
        #expect(parameters.created == nil)
        #expect(parameters.expires == nil)
        #expect(parameters.keyID == nil)
        #expect(parameters.nonce == nil)
        #expect(parameters.algorithm == nil)
        #expect(parameters.tag == nil)
    }

    @Test func settersKeepOrderAndView() {
        var parameters = SignatureParameters(created: 1, nonce: "a", keyID: "k", tag: "t")
        parameters.created = 2
        parameters.nonce = nil
        parameters.expires = 9
        #expect(parameters.created == 2)
        #expect(parameters.nonce == nil)
        #expect(parameters.expires == 9)
        #expect(Array(parameters.ordered.map(\.0)) == ["created", "keyid", "tag", "expires"])
        // The same map reached another way is the same value, with the same hash.
        let rebuilt = SignatureParameters(ordered: parameters.ordered)
        #expect(rebuilt == parameters)
        #expect(rebuilt.hashValue == parameters.hashValue)
    }

    @Test func conventionalOrderWithoutAbsentParameters() {
        let parameters = SignatureParameters(created: 1, algorithm: .ed25519, tag: "t")
        #expect(Array(parameters.ordered.map(\.0)) == ["created", "alg", "tag"])
        #expect(parameters.algorithm == "ed25519")
        #expect(parameters.expires == nil)
    }
}

import RawStructuredFieldValues
import Testing

@testable import HTTPMessageSignatures

/// The `@signature-params` writer of the signing and verification hot path must write exactly what
/// swift-http-structured-headers writes, and leave every value it does not handle (and every invalid one) to it.
@Suite("Inner List fast serialization (RFC 9651 §4.1.1.1)")
struct InnerListSerializationTests {
    /// The library's answer: the serialized Inner List, or nil when it refuses the value.
    func library(_ components: [ComponentIdentifier], _ parameters: OrderedMap<String, RFC9651BareItem>) -> [UInt8]? {
        var inner = BareInnerList()
        for component in components { inner.append(component.item) }
        var serializer = StructuredFieldValueSerializer()
        return try? serializer.writeListFieldValue([.innerList(InnerList(bareInnerList: inner, parameters: parameters))]
        )
    }

    func expectAgreement(
        _ components: [ComponentIdentifier], _ parameters: OrderedMap<String, RFC9651BareItem>,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = library(components, parameters)
        if let answer = InnerListSerialization.serialize(components, parameters: parameters) {
            #expect(answer == expected, "\(components) \(parameters)", sourceLocation: sourceLocation)
        }
        let combined = try? SignatureBase.serializeSignatureParams(
            components: components, parameters: SignatureParameters(ordered: parameters))
        #expect(combined == expected, "\(components) \(parameters)", sourceLocation: sourceLocation)
    }

    @Test func handlesEverySignatureInputOfTheVectors() throws {
        let vectors = try VectorFile.load()
        #expect(vectors.cases.count > 10)
        for value in vectors.cases.map(\.signatureInput) {
            let dictionary = try StructuredDictionary.parse(Array(value.utf8))
            for (_, member) in dictionary {
                guard case .innerList(let list) = member else { continue }
                let components = list.bareInnerList.map { item -> ComponentIdentifier in
                    guard case .string(let name) = item.rfc9651BareItem else { return ComponentIdentifier("x") }
                    return ComponentIdentifier(name, parameters: item.rfc9651Parameters)
                }
                #expect(
                    InnerListSerialization.serialize(components, parameters: list.rfc9651Parameters) != nil,
                    "the fast path must handle \(value)")
                expectAgreement(components, list.rfc9651Parameters)
            }
        }
    }

    @Test func agreesOnEveryItemType() {
        let values: [RFC9651BareItem] = [
            .integer(0), .integer(-7), .integer(999_999_999_999_999), .integer(-999_999_999_999_999),
            .integer(1_000_000_000_000_000), .integer(-1_000_000_000_000_000), .string(""), .string("a \"q\" \\ b"),
            .string("tab\there"), .string("line\nbreak"), .string("\u{7F}"), .string("é"), .token("tok"),
            .token("*t:/!#$%&'*+-.^_`|~9"), .token("Tok"), .token("9tok"), .token(""), .token("a b"),
            .undecodedByteSequence("AA=="), .undecodedByteSequence(""), .bool(true), .bool(false),
            .decimal(PseudoDecimal(mantissa: 15, exponent: -1)), .date(1_659_578_233),
            .displayString("café"),
        ]
        let keys = ["created", "a", "*x", "a_b-c.d*9", "", "A", "9a", "a b", "é"]
        for value in values {
            for key in keys {
                var parameters = OrderedMap<String, RFC9651BareItem>()
                parameters[key] = value
                expectAgreement([.method], parameters)
                var component = OrderedMap<String, RFC9651BareItem>()
                component[key] = value
                expectAgreement([ComponentIdentifier("x", parameters: component), .targetURI], parameters)
            }
        }
        expectAgreement([], OrderedMap())
        expectAgreement(
            [ComponentIdentifier("a\"b"), ComponentIdentifier("c\\d"), ComponentIdentifier("é")], OrderedMap())
    }

    @Test func agreesOnRandomParameters() {
        var random = SplitMix64(seed: 9651)
        let names = ["@method", "@target-uri", "content-digest", "authorization", "x\"y", "@query-param", "\t"]
        let keys = ["created", "expires", "nonce", "alg", "keyid", "tag", "name", "sf", "K", "", "a-b"]
        let values: [RFC9651BareItem] = [
            .integer(1_618_884_473), .integer(-1), .integer(10_000_000_000_000_000), .string("b3k2pp5k7z-50gnwp.yemd"),
            .string("a\u{1}"), .string("q\"\\"), .token("t"), .token("1t"), .bool(true), .bool(false),
            .undecodedByteSequence("AQID"), .date(5),
        ]
        var answered = 0
        let rounds = 3000
        for _ in 0..<rounds {
            let components = (0..<Int.random(in: 0...5, using: &random)).map { _ in
                var parameters = OrderedMap<String, RFC9651BareItem>()
                for _ in 0..<Int.random(in: 0...2, using: &random) {
                    parameters[keys.randomElement(using: &random)!] = values.randomElement(using: &random)!
                }
                return ComponentIdentifier(names.randomElement(using: &random)!, parameters: parameters)
            }
            var parameters = OrderedMap<String, RFC9651BareItem>()
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                parameters[keys.randomElement(using: &random)!] = values.randomElement(using: &random)!
            }
            if InnerListSerialization.serialize(components, parameters: parameters) != nil { answered += 1 }
            expectAgreement(components, parameters)
        }
        // The comparison only means something if the fast path answered for a good share of the inputs.
        #expect(answered > rounds / 10)
    }
}

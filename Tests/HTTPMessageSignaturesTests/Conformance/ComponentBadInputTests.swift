import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Covered components that cannot produce a value (RFC 9421 §2.5: the signer or verifier must fail), and field
/// values that must never reach a signature base: each is a typed error naming the component.
@Suite("Bad input: covered components")
struct ComponentBadInputTests {
    /// What verification of a request covering `identifier` (and carrying `fields`) says.
    func reason(covering identifier: String, fields: [(String, String)] = []) throws -> SignatureFailureReason? {
        let request = try Hostile.request(
            input: "sig1=(\(identifier));created=1700000000", signature: "sig1=:AA==:", fields: fields)
        return Hostile.reason(Hostile.verify(.request(request)))
    }

    static let invalidParameters: [(String, String, String)] = [
        (#""@method";foo"#, "@method", "foo"),
        (#""@method";sf"#, "@method", "sf"),
        (#""@path";name="x""#, "@path", "name"),
        (#""@query-param""#, "@query-param", "name"),
        (#""@query-param";name=1"#, "@query-param", "name"),
        (#""@query-param";name="a";key="b""#, "@query-param", "key"),
        (#""date";foo"#, "date", "foo"),
        (#""date";name="x""#, "date", "name"),
        (#""date";bs;sf"#, "date", "bs"),
        (#""date";key="a";bs"#, "date", "bs"),
        (#""date";sf=1"#, "date", "sf"),
        (#""date";req=?0"#, "date", "req"),
    ]

    @Test("unknown or misplaced component parameters", arguments: invalidParameters)
    func invalidParameter(identifier: String, component: String, parameter: String) throws {
        let reason = try reason(covering: identifier, fields: [("Date", "Tue, 20 Apr 2021 02:07:55 GMT")])
        #expect(reason == .base(.component(.invalidParameter(component: component, parameter: parameter))))
    }

    @Test func reqOnARequest() throws {
        for identifier in [#""@method";req"#, #""date";req"#, #""@status";req"#] {
            let name = String(identifier.dropFirst().prefix { $0 != "\"" })
            #expect(
                try reason(covering: identifier, fields: [("Date", "x")])
                    == .base(.component(.notApplicable(component: name, reason: "'req' is only valid on a response"))))
        }
    }

    @Test func reqOnAResponseWithoutItsRequest() throws {
        var response = HTTPResponse(status: .ok)
        response.headerFields[.signatureInput] = #"sig1=("@status" "@method";req);created=1700000000"#
        response.headerFields[.signature] = "sig1=:AA==:"
        #expect(
            Hostile.reason(Hostile.verify(.response(response, request: nil)))
                == .base(
                    .component(.notApplicable(component: "@method", reason: "the related request is not available"))))
        // `@status` belongs to responses only, and a request component needs a request.
        #expect(
            try reason(covering: #""@status""#)
                == .base(
                    .component(.notApplicable(component: "@status", reason: "'@status' applies to responses only"))))
        response.headerFields[.signatureInput] = #"sig1=("@method");created=1700000000"#
        #expect(
            Hostile.reason(Hostile.verify(.response(response, request: try Hostile.request())))
                == .base(.component(.notApplicable(component: "@method", reason: "request components need a request"))))
    }

    @Test func unknownAndReservedDerivedComponents() throws {
        for name in ["@foo", "@signature-params", "@signature-input", "@request-response"] {
            #expect(try reason(covering: "\"\(name)\"") == .base(.component(.unsupportedComponent(name))))
        }
        #expect(try reason(covering: #""x-missing""#) == .base(.component(.missingField("x-missing"))))
        #expect(
            try reason(covering: #""@query-param";name="nope""#)
                == .base(.component(.missingDerivedValue("@query-param;name=\"nope\""))))
        var repeated = try Hostile.request(
            input: #"sig1=("@query-param";name="a");created=1700000000"#, signature: "sig1=:AA==:")
        repeated.path = "/foo?a=1&a=2"
        #expect(
            Hostile.reason(Hostile.verify(.request(repeated)))
                == .base(
                    .component(
                        .notApplicable(component: "@query-param", reason: "query parameter 'a' occurs more than once")))
        )
        #expect(
            try reason(covering: #""@method" "@method""#) == .base(.duplicateComponent(#""@method""#)))
    }

    // MARK: Field values outside printable ASCII

    /// RFC 9421 §2.5 step 4: a base with non-ASCII characters is an error, on the signer's side and the verifier's.
    @Test func nonASCIIFieldValuesAreRefusedWhenCovered() throws {
        let fields = [("X-Name", "caf\u{e9}")]
        #expect(try reason(covering: #""x-name""#, fields: fields) == .base(.nonASCII))
        #expect(throws: SignatureBaseError.nonASCII) {
            try Hostile.signed(try Hostile.request(fields), components: [.field("x-name")])
        }
        // Not covered, it does not matter; wrapped as a Byte Sequence (`bs`, §2.1.3) it can be signed.
        let uncovered = try Hostile.signed(try Hostile.request(fields), components: [.method])
        #expect(Hostile.verify(.request(uncovered)).verified != nil)
        let wrapped = ComponentIdentifier("x-name", parameters: ["bs": .bool(true)])
        let signed = try Hostile.signed(try Hostile.request(fields), components: [wrapped])
        #expect(Hostile.verify(.request(signed)).verified?.base.text.hasPrefix("\"x-name\";bs: :Y2Fmw6k=:\n") == true)
        // Non-ASCII in derived components too.
        var path = try Hostile.request(input: #"sig1=("@path");created=1700000000"#, signature: "sig1=:AA==:")
        path.path = "/caf\u{e9}"
        #expect(Hostile.reason(Hostile.verify(.request(path))) == .base(.nonASCII))
    }

    /// Control characters never belong in a field value (RFC 9110 §5.5). swift-http-types turns CR, LF and NUL into
    /// spaces when a field is made; other control characters survive lenient construction and are refused when
    /// covered. HTAB is field content and is kept.
    @Test func controlCharactersAndNewlines() throws {
        let folded = HTTPField(name: HTTPField.Name("X-Text")!, value: "a\r\nb\nc\0d")
        #expect(folded.value == "a  b c d")
        for byte: UInt8 in [0x01, 0x08, 0x0B, 0x1B, 0x7F] {
            var request = try Hostile.request(input: #"sig1=("x-text");created=1700000000"#, signature: "sig1=:AA==:")
            request.headerFields.append(HTTPField(name: HTTPField.Name("X-Text")!, lenientValue: [0x61, byte, 0x62]))
            #expect(Hostile.reason(Hostile.verify(.request(request))) == .base(.nonASCII), "byte \(byte)")
        }
        var tab = try Hostile.request()
        tab.headerFields.append(HTTPField(name: HTTPField.Name("X-Text")!, lenientValue: Array("a\tb".utf8)))
        let signed = try Hostile.signed(tab, components: [.field("x-text")])
        #expect(Hostile.verify(.request(signed)).verified?.base.text.hasPrefix("\"x-text\": a\tb\n") == true)
        // A line break in a path is made a space by swift-http-types; in a query parameter it stays encoded.
        var path = try Hostile.request()
        path.path = "/a\nb?x=%0A"
        #expect(path.path == "/a b?x=%0A")
        let query = try Hostile.signed(path, components: [.queryParam("x")])
        #expect(
            Hostile.verify(.request(query)).verified?.base.text.hasPrefix("\"@query-param\";name=\"x\": %0A\n") == true)
    }

    /// Signature parameters that cannot be serialized (a nonce with a line break or non-ASCII text) make signing
    /// fail instead of producing a field that would not parse.
    @Test func unserializableParametersFailSigning() throws {
        for nonce in ["a\nb", "caf\u{e9}", "tab\there"] {
            #expect(throws: SignatureBaseError.invalidParameters) {
                try Hostile.signed(
                    try Hostile.request(), components: [.method],
                    parameters: SignatureParameters(created: 1, nonce: nonce))
            }
        }
        var request = try Hostile.request()
        for label in ["Sig", "1sig", "sig 1", ""] {
            #expect(throws: SigningError.invalidLabel(label)) {
                try MessageSigner.sign(
                    &request, label: label, components: [.method], parameters: SignatureParameters(created: 1),
                    key: Hostile.key)
            }
        }
    }
}

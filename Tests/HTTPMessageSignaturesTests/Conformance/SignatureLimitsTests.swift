import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Oversized input: thousands of signatures or components, huge or endlessly repeated parameters, very long fields.
/// Each is refused with the limit it broke (``SignatureLimits``), quickly; the same input within the limits, or with
/// the limits raised, is processed.
@Suite("Bad input: size limits")
struct SignatureLimitsTests {
    let limits = SignatureLimits.standard

    @Test func defaultsAreDocumentedValues() {
        #expect(limits.maximumFieldLength == 16_384)
        #expect(limits.maximumSignatures == 16)
        #expect(limits.maximumComponents == 64)
        #expect(limits.maximumComponentValueLength == 16_384)
        #expect(limits.maximumStructuredFieldMembers == 1_024)
        #expect(limits.maximumStructuredMembersPerSignature == 4_096)
        #expect(VerificationPolicy(now: 0).limits == .standard)
    }

    // MARK: Signatures

    @Test func thousandsOfSignatures() throws {
        let labels = (0..<1_500).map { "s\($0)" }
        let request = try Hostile.request(
            input: labels.map { "\($0)=()" }.joined(separator: ", "),
            signature: labels.prefix(10).map { "\($0)=:AA==:" }.joined(separator: ", "))
        let result = Hostile.bounded { Hostile.verify(.request(request)) }
        #expect(Hostile.reason(result) == .malformedFields(.tooManySignatures(count: 1_500, limit: 16)))

        let huge = try Hostile.request(
            input: (0..<10_000).map { "s\($0)=()" }.joined(separator: ", "), signature: "s0=:AA==:")
        let hugeResult = Hostile.bounded { Hostile.verify(.request(huge)) }
        guard
            case .malformedFields(.fieldTooLong(field: "signature-input", _, limit: 16_384)) = Hostile.reason(
                hugeResult)
        else {
            Issue.record("\(hugeResult)")
            return
        }
    }

    @Test func signaturesUpToTheLimit() throws {
        var request = try Hostile.request()
        for index in 0..<16 {
            try MessageSigner.sign(
                &request, label: "s\(index)", components: [.method],
                parameters: SignatureParameters(created: Hostile.now, nonce: "\(index)"), key: Hostile.key)
        }
        #expect(Hostile.verify(.request(request)).verified?.label == "s0")
        try MessageSigner.sign(
            &request, label: "s16", components: [.method], parameters: SignatureParameters(created: Hostile.now),
            key: Hostile.key)
        #expect(
            Hostile.reason(Hostile.verify(.request(request)))
                == .malformedFields(.tooManySignatures(count: 17, limit: 16)))
        var raised = SignatureLimits()
        raised.maximumSignatures = 17
        #expect(Hostile.verify(.request(request), limits: raised).verified != nil)
        // Signing refuses to add to a message that already has too many signatures.
        #expect(throws: SignatureFieldError.tooManySignatures(count: 17, limit: 16)) {
            try MessageSigner.sign(
                &request, label: "s17", components: [.method], parameters: SignatureParameters(created: 1),
                key: Hostile.key)
        }
    }

    // MARK: Components

    @Test func thousandsOfComponents() throws {
        let components = (0..<1_000).map { "\"a\($0)\"" }.joined(separator: " ")
        let request = try Hostile.request(input: "sig1=(\(components))", signature: "sig1=:AA==:")
        let result = Hostile.bounded { Hostile.verify(.request(request)) }
        #expect(Hostile.reason(result) == .malformedFields(.tooManyComponents(label: "sig1", count: 1_000, limit: 64)))
    }

    @Test func componentsUpToTheLimit() throws {
        let fields = (0..<65).map { ("x-\($0)", "v\($0)") }
        let covered = fields.map { ComponentIdentifier.field($0.0) }
        let within = try Hostile.signed(try Hostile.request(fields), components: Array(covered.prefix(64)))
        #expect(Hostile.verify(.request(within)).verified != nil)
        let over = try Hostile.signed(try Hostile.request(fields), components: covered)
        #expect(
            Hostile.reason(Hostile.verify(.request(over)))
                == .malformedFields(.tooManyComponents(label: "sig1", count: 65, limit: 64)))
    }

    // MARK: Parameters

    @Test func hugeParameterValues() throws {
        let input = "sig1=();created=1700000000;nonce=\"\(String(repeating: "n", count: 100_000))\""
        let huge = try Hostile.request(input: input, signature: "sig1=:AA==:")
        let result = Hostile.bounded { Hostile.verify(.request(huge)) }
        #expect(
            Hostile.reason(result)
                == .malformedFields(.fieldTooLong(field: "signature-input", length: input.utf8.count, limit: 16_384)))
        // A long but acceptable nonce is signed and verified like any other.
        let long = String(repeating: "n", count: 10_000)
        let signed = try Hostile.signed(
            try Hostile.request(), components: [.method],
            parameters: SignatureParameters(created: Hostile.now, nonce: long))
        let verified = try #require(Hostile.bounded { Hostile.verify(.request(signed)) }.verified)
        #expect(verified.parameters.nonce == long)
    }

    @Test func deeplyRepeatedParameters() throws {
        let repeated = String(repeating: ";created=1", count: 1_200)
        let over = try Hostile.request(input: "sig1=(\"@method\")\(repeated)", signature: "sig1=:AA==:")
        let result = Hostile.bounded { Hostile.verify(.request(over)) }
        #expect(
            Hostile.reason(result)
                == .malformedFields(.tooManyMembers(field: "signature-input", count: 1_201, limit: 1_024)))
        // Below the limits, repetitions collapse into one parameter (RFC 9651 §4.2.3.2: the last value wins).
        let within = try Hostile.request(
            input: "sig1=(\"@method\")" + String(repeating: ";created=1", count: 999) + ";created=1700000000",
            signature: "sig1=:AA==:")
        let parsed = try Hostile.bounded { try ReceivedSignature.all(in: within.headerFields) }
        #expect(parsed.first?.parameters.ordered.count == 1)
        #expect(parsed.first?.parameters.created == Hostile.now)
        #expect(Hostile.reason(Hostile.verify(.request(within))) == .invalidSignature)
        // Many distinct parameters, and a component parameter repeated, also within bounded time.
        let distinct = (0..<1_000).map { ";p\($0)=1" }.joined()
        let many = try Hostile.request(input: "sig1=(\"@method\")\(distinct)", signature: "sig1=:AA==:")
        #expect(
            Hostile.bounded { try? ReceivedSignature.all(in: many.headerFields) }?.first?.parameters.ordered.count
                == 1_000)
        let flags = try Hostile.request(
            input: "sig1=(\"x\"" + String(repeating: ";sf", count: 900) + ");created=1700000000",
            signature: "sig1=:AA==:",
            fields: [("x", "a=1")])
        #expect(Hostile.reason(Hostile.bounded { Hostile.verify(.request(flags)) }) == .invalidSignature)
    }

    // MARK: Long values

    @Test func veryLongSignature() throws {
        let signature = "sig1=:" + String(repeating: "A", count: 100_000) + ":"
        let request = try Hostile.request(input: #"sig1=("@method");created=1700000000"#, signature: signature)
        let result = Hostile.bounded { Hostile.verify(.request(request)) }
        #expect(
            Hostile.reason(result)
                == .malformedFields(.fieldTooLong(field: "signature", length: 100_007, limit: 16_384)))
    }

    @Test func veryLongCoveredField() throws {
        let long = String(repeating: "v", count: 100_000)
        let request = try Hostile.request(
            input: #"sig1=("x-long");created=1700000000"#, signature: "sig1=:AA==:", fields: [("X-Long", long)])
        let result = Hostile.bounded { Hostile.verify(.request(request)) }
        #expect(
            Hostile.reason(result)
                == .base(.component(.valueTooLong(component: "x-long", length: 100_000, limit: 16_384))))
        // Two lines of 9 000 bytes are measured combined.
        let half = String(repeating: "v", count: 9_000)
        let twoLines = try Hostile.request(
            input: #"sig1=("x-long");created=1700000000"#, signature: "sig1=:AA==:",
            fields: [("X-Long", half), ("X-Long", half)])
        #expect(
            Hostile.reason(Hostile.verify(.request(twoLines)))
                == .base(.component(.valueTooLong(component: "x-long", length: 18_002, limit: 16_384))))
        // Signing is held to the same limit, and an uncovered long field does not matter.
        #expect(
            throws: SignatureBaseError.component(.valueTooLong(component: "x-long", length: 100_000, limit: 16_384))
        ) {
            try Hostile.signed(try Hostile.request([("X-Long", long)]), components: [.field("x-long")])
        }
        let uncovered = try Hostile.signed(try Hostile.request([("X-Long", long)]), components: [.method])
        #expect(Hostile.verify(.request(uncovered)).verified != nil)
    }

    @Test func veryLongDerivedComponent() throws {
        var request = try Hostile.request(input: #"sig1=("@path");created=1700000000"#, signature: "sig1=:AA==:")
        request.path = "/" + String(repeating: "p", count: 20_000)
        #expect(
            Hostile.reason(Hostile.verify(.request(request)))
                == .base(.component(.valueTooLong(component: "@path", length: 20_001, limit: 16_384))))
    }

    /// Parsing a Dictionary costs time that grows with the square of its size, so the members of fields covered
    /// with `sf` or `key` are counted before parsing: per field, and for all such fields of one signature.
    @Test func largeStructuredFields() throws {
        let big = (0..<2_000).map { "k\($0)" }.joined(separator: ",")
        let request = try Hostile.request(
            input: #"sig1=("x";sf);created=1700000000"#, signature: "sig1=:AA==:", fields: [("X", big)])
        #expect(
            Hostile.reason(Hostile.bounded { Hostile.verify(.request(request)) })
                == .base(.component(.structuredFieldTooLarge(component: "x", members: 2_000, limit: 1_024))))

        let dictionary = (0..<1_000).map { "k\($0)" }.joined(separator: ",")
        let fields = (0..<5).map { ("x\($0)", dictionary) }
        let fiveFields = try Hostile.request(
            input: "sig1=(\((0..<5).map { "\"x\($0)\";sf" }.joined(separator: " ")));created=1700000000",
            signature: "sig1=:AA==:", fields: fields)
        #expect(
            Hostile.reason(Hostile.bounded { Hostile.verify(.request(fiveFields)) })
                == .base(.component(.structuredFieldTooLarge(component: "x4", members: 5_000, limit: 4_096))))

        // Sixty-four members of one large Dictionary: parsed once, signed and verified in bounded time.
        let keys = try ComponentValueExampleTests.components((0..<64).map { "\"x0\";key=\"k\($0 * 15)\"" })
        let signed = try Hostile.signed(try Hostile.request(fields), components: keys)
        let verified = Hostile.bounded { Hostile.verify(.request(signed)) }.verified
        #expect(verified?.base.text.hasPrefix("\"x0\";key=\"k0\": ?1\n") == true)
    }
}

import HTTPMessageSignatures
import HTTPTypes
import Testing

/// RFC 9651 edge cases that signatures depend on, through the public API: `Signature-Input` parsing and
/// re-serialization (the `@signature-params` line is the re-serialized member, RFC 9421 §2.3) and the `sf` and
/// `key` components (strict re-serialization, RFC 9421 §2.1.1, §2.1.2).
@Suite("RFC 9651 edge cases in signatures")
struct StructuredFieldEdgeCaseTests {
    // MARK: Order

    @Test(arguments: [
        #"sig=();keyid="k";created=1;alg="ed25519";tag="t";nonce="n";expires=2"#,
        #"sig=("@path" "@method");tag="t";created=1618884473"#,
        #"sig=("@query-param";name="a" "@method");x-ext=?0;created=1"#,
    ])
    func signatureParameterOrderIsKept(input: String) throws {
        #expect(try Probe.reserialized(input: input) == String(input.dropFirst(4)))
    }

    /// RFC 9421 §2: parameter order is kept when processing an identifier, but does not make two identifiers
    /// different: `"x";sf;key="a"` and `"x";key="a";sf` cannot both be covered.
    @Test func componentParameterOrderIsKeptButNotSignificant() throws {
        let message = try Probe.request(fields: [("x", "a=1, b=2")], trailers: [("x", "a=3")])
        #expect(try Probe.value(of: #""x";tr;key="a""#, in: message) == "3")
        #expect(try Probe.value(of: #""x";key="a";tr"#, in: message) == "3")
        let both = try ComponentValueExampleTests.components([#""x";sf;key="a""#, #""x";key="a";sf"#])
        #expect(both[0] == both[1])
        #expect(both.map(\.serialized) == [#""x";sf;key="a""#, #""x";key="a";sf"#])
        #expect(throws: SignatureBaseError.duplicateComponent(#""x";key="a";sf"#)) {
            try SignatureBase(message: message, components: both, parameters: SignatureParameters())
        }
        // Each order is signed as written, and a policy requiring one order accepts the other.
        let signer = SigningKey.generateEd25519()
        var request = try #require(message.request)
        let base = try MessageSigner.sign(
            &request, components: [both[1]], parameters: SignatureParameters(created: 1), key: signer)
        #expect(base.text.hasPrefix(#""x";key="a";sf: 1"#))
        let result = MessageVerifier.verify(
            .request(request), policy: VerificationPolicy(requiredComponents: [both[0]], maximumAge: nil, now: 1)
        ) { _ in signer.verificationKey }
        #expect(result.verified != nil, "\(result)")
    }

    // MARK: Strings and tokens

    @Test func stringsWithEscapesRoundTrip() throws {
        let input = #"sig=();keyid="a\"b\\c";nonce="\\\"""#
        let signature = try #require(try Probe.signatures(input: input).first)
        #expect(signature.parameters.keyID == #"a"b\c"#)
        #expect(signature.parameters.nonce == #"\""#)
        #expect(try Probe.reserialized(input: input) == String(input.dropFirst(4)))
        #expect(try Probe.value(of: #""x";sf"#, field: "x", #""say \"hi\" \\ bye""#) == #""say \"hi\" \\ bye""#)
        // Only `\"` and `\\` are escapes (RFC 9651 §4.2.5).
        #expect(throws: SignatureFieldError.self) { try Probe.signatures(input: #"sig=();keyid="a\nb""#) }
        #expect(throws: SignatureBaseError.component(.structuredFieldParse("x"))) {
            try Probe.value(of: #""x";sf"#, field: "x", #""a\x""#)
        }
    }

    @Test func tokensStayTokensAndStringsStayStrings() throws {
        #expect(
            try Probe.value(of: #""x";sf"#, field: "x", #"a=tok, b="tok", c=*t/x:y"#) == #"a=tok, b="tok", c=*t/x:y"#)
        // Signature parameters and component names have fixed types (RFC 9421 §2.3, §4.1).
        #expect(throws: wrongType("alg")) { try Probe.signatures(input: "sig=();alg=ed25519") }
        #expect(throws: wrongType("keyid")) { try Probe.signatures(input: "sig=();keyid=k1") }
        #expect(throws: SignatureFieldError.malformed("Signature-Input member 'sig': component names must be strings"))
        {
            try Probe.signatures(input: "sig=(method)")
        }
        // `key` and `name` take Strings: a Token is an invalid parameter.
        #expect(throws: SignatureBaseError.component(.invalidParameter(component: "x", parameter: "key"))) {
            try Probe.value(of: #""x";key=a"#, field: "x", "a=1")
        }
        #expect(throws: SignatureBaseError.component(.invalidParameter(component: "@query-param", parameter: "name"))) {
            try Probe.value(of: #""@query-param";name=Pet"#, in: try Probe.request())
        }
    }

    // MARK: Byte sequences

    @Test func byteSequencesAreStrictlyReserialized() throws {
        #expect(try Probe.value(of: #""x";sf"#, field: "x", ":aGVsbG8=:") == ":aGVsbG8=:")
        // §4.2.7: parsers accept missing padding and non-zero pad bits; strict serialization (§4.1.8) restores the
        // canonical form, so an intermediary that re-pads cannot break the signature.
        #expect(try Probe.value(of: #""x";sf"#, field: "x", ":aGVsbG8:") == ":aGVsbG8=:")
        #expect(try Probe.value(of: #""x";sf"#, field: "x", "a=:aGVsbG9=:;p=:AQ:") == "a=:aGVsbG8=:;p=:AQ==:")
        #expect(try Probe.value(of: #""x";key="b""#, field: "x", "a=1, b=(:AQ: :AQI=:)") == "(:AQ==: :AQI=:)")
        #expect(throws: SignatureBaseError.component(.structuredFieldParse("x"))) {
            try Probe.value(of: #""x";sf"#, field: "x", ":a:")
        }
        #expect(throws: SignatureBaseError.component(.structuredFieldParse("x"))) {
            try Probe.value(of: #""x";sf"#, field: "x", ":aGVsbG8$:")
        }
        // In `Signature`, an unpadded value is the same signature.
        let padded = try #require(try Probe.signatures(input: "sig=()", signature: "sig=:AQI=:").first)
        let unpadded = try #require(try Probe.signatures(input: "sig=()", signature: "sig=:AQI:").first)
        #expect(padded.signature == [1, 2])
        #expect(unpadded.signature == [1, 2])
    }

    // MARK: Numbers

    @Test func integersAtTheFifteenDigitLimit() throws {
        let largest = try #require(
            try Probe.signatures(input: "sig=();created=999999999999999;expires=-999999999999999").first)
        #expect(largest.parameters.created == 999_999_999_999_999)
        #expect(largest.parameters.expires == -999_999_999_999_999)
        #expect(try Probe.reserialized(input: "sig=();created=999999999999999") == "();created=999999999999999")
        for tooLong in ["sig=();created=1000000000000000", "sig=();created=-1000000000000000"] {
            #expect(throws: notADictionary) { try Probe.signatures(input: tooLong) }
        }
        #expect(try Probe.value(of: #""x";sf"#, field: "x", "999999999999999") == "999999999999999")
        #expect(throws: SignatureBaseError.component(.structuredFieldParse("x"))) {
            try Probe.value(of: #""x";sf"#, field: "x", "1000000000000000")
        }
        // Decimals: at most 12 integer and 3 fractional digits, serialized without trailing zeros.
        #expect(try Probe.value(of: #""x";sf"#, field: "x", "a=1.50, b=123456789012.1") == "a=1.5, b=123456789012.1")
        for invalid in ["1.1234", "1234567890123.1"] {
            #expect(throws: SignatureBaseError.component(.structuredFieldParse("x"))) {
                try Probe.value(of: #""x";sf"#, field: "x", invalid)
            }
        }
    }

    /// Extreme but valid `created` and `expires` values are refused by the time policy, without overflow.
    @Test func extremeTimestampsFailThePolicy() throws {
        let key = SigningKey.generateEd25519()
        for (parameters, reason) in [
            (
                SignatureParameters(created: 999_999_999_999_999),
                SignatureFailureReason.createdInFuture(created: 999_999_999_999_999, now: 1_700_000_000)
            ),
            (
                SignatureParameters(created: -999_999_999_999_999),
                .tooOld(created: -999_999_999_999_999, now: 1_700_000_000)
            ),
            (
                SignatureParameters(created: 1_700_000_000, expires: -999_999_999_999_999),
                .expired(expires: -999_999_999_999_999, now: 1_700_000_000)
            ),
        ] {
            var request = HTTPRequest(method: .get, scheme: "https", authority: "example.com", path: "/")
            try MessageSigner.sign(&request, components: [.method], parameters: parameters, key: key)
            let result = MessageVerifier.verify(.request(request), policy: VerificationPolicy(now: 1_700_000_000)) {
                _ in key.verificationKey
            }
            #expect(result == .failed([SignatureFailure(label: "sig1", reason: reason)]))
        }
    }

    // MARK: Booleans

    @Test func trueFlagsSerializeBareAndFalseFlagsAreRefused() throws {
        let bare = try ComponentValueExampleTests.components([#""x";sf"#])[0]
        let explicit = try ComponentValueExampleTests.components([#""x";sf=?1"#])[0]
        #expect(explicit == bare)
        #expect(explicit.serialized == #""x";sf"#)
        #expect(try Probe.reserialized(input: #"sig=("x";sf=?1)"#) == #"("x";sf)"#)
        #expect(try Probe.value(of: #""x";sf=?1"#, field: "x", "a=?1, b=?0") == "a, b=?0")
        for flag in ["sf", "bs", "tr", "req"] {
            #expect(throws: SignatureBaseError.component(.invalidParameter(component: "x", parameter: flag))) {
                try Probe.value(of: "\"x\";\(flag)=?0", field: "x", "1")
            }
        }
    }

    // MARK: Inner lists and whitespace

    @Test(arguments: [
        ("sig=()", "()"), ("sig=( )", "()"), ("sig=(   )", "()"),
        (#"sig=(  "@method"   "@path" )"#, #"("@method" "@path")"#),
        ("sig=();  created=1", "();created=1"), (#"sig=("x";  sf)"#, #"("x";sf)"#),
    ])
    func whitespaceThatIsAllowed(input: String, reserialized: String) throws {
        #expect(try Probe.reserialized(input: input) == reserialized)
    }

    @Test(arguments: [
        "sig =()", "sig= ()", "sig=() ;created=1", "sig=(\"@method\"\t\"@path\")", "sig=(\"@method\",\"@path\")",
        "sig=();created =1", "sig=(), ", "sig=(),", ", sig=()", "sig=();created=1 tag=\"t\"",
    ])
    func whitespaceThatIsNot(input: String) {
        #expect(throws: notADictionary) { try Probe.signatures(input: input) }
    }

    @Test func whitespaceAroundDictionaryMembersAndEmptyInnerLists() throws {
        let signatures = try Probe.signatures(input: "a=(),\t b=( );created=2", signature: "a=:AA==:,  b=:AQ==:")
        #expect(signatures.map(\.label) == ["a", "b"])
        #expect(signatures.map(\.components.count) == [0, 0])
        #expect(try Probe.value(of: #""x";sf"#, field: "x", "a=(),b=( 1  2 );p") == "a=(), b=(1 2);p")
    }

    // MARK: Duplicates

    @Test func duplicateDictionaryKeysKeepTheLastValueInTheFirstPlace() throws {
        let signatures = try Probe.signatures(
            input: #"a=("@method");created=1, b=();created=2, a=("@path");created=3"#,
            signature: "a=:AA==:, b=:AQ==:, a=:Ag==:")
        #expect(signatures.map(\.label) == ["a", "b"])
        #expect(signatures[0].components == [.path])
        #expect(signatures[0].parameters.created == 3)
        #expect(signatures[0].signature == [2])
        #expect(try Probe.reserialized(input: "sig=();created=1;keyid=\"k\";created=2") == "();created=2;keyid=\"k\"")
        #expect(try Probe.value(of: #""x";sf"#, field: "x", "a=1, b=2, a=3") == "a=3, b=2")
        #expect(try Probe.value(of: #""x";key="a""#, field: "x", "a=1, b=2, a=3") == "3")
        // Two field lines are combined before parsing, so a key repeated across lines is a duplicate too.
        let twoLines = try Probe.request(fields: [("x", "a=1, b=2"), ("x", "a=3")])
        #expect(try Probe.value(of: #""x";sf"#, in: twoLines) == "a=3, b=2")
    }

    // MARK: Keys and invalid characters

    @Test(arguments: [
        "Sig=()", "sig=();Created=1", "sIg=()", "1sig=()", "sig@1=()", "-sig=()",
    ])
    func keysMustBeLowercase(input: String) {
        #expect(throws: notADictionary) { try Probe.signatures(input: input) }
    }

    @Test func componentNamesMustBeLowercase() throws {
        for name in ["@Method", "Content-Type", "X"] {
            #expect(
                throws: SignatureFieldError.malformed(
                    "Signature-Input member 'sig': component '\(name)' is not lowercase")
            ) {
                try Probe.signatures(input: "sig=(\"\(name)\")")
            }
        }
        #expect(throws: SignatureBaseError.component(.structuredFieldParse("x"))) {
            try Probe.value(of: #""x";key="A""#, field: "x", "A=1")
        }
        #expect(throws: SignatureBaseError.component(.missingDictionaryKey(component: "x", key: "A"))) {
            try Probe.value(of: #""x";key="A""#, field: "x", "a=1")
        }
        #expect(throws: SignatureBaseError.component(.structuredFieldParse("x"))) {
            try Probe.value(of: #""x";sf"#, field: "x", "a=1, A=2")
        }
    }

    @Test(arguments: [
        "sig=();keyid=\"caf\u{e9}\"", "sig=(\"caf\u{e9}\")", "sig=();alg=ed{25519}", "sig=();created=12a",
        "sig=();created=1.5.1", "sig=(\"@method\" 'x')", "sig=();nonce=\"unterminated", "sig=(\"@method\"",
    ])
    func invalidCharactersAreErrors(input: String) {
        #expect(throws: notADictionary) { try Probe.signatures(input: input) }
    }

    // MARK: Helpers

    private func wrongType(_ parameter: String) -> SignatureFieldError {
        .malformed("Signature-Input member 'sig': parameter '\(parameter)' has the wrong type")
    }

    private var notADictionary: SignatureFieldError {
        .malformed("signature-input is not a valid structured dictionary")
    }
}

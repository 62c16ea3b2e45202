import HTTPMessageSignatures
import HTTPSigTool
import Testing

@Suite("httpsig options")
struct OptionsTests {
    @Test func coveredComponentsKeepTheirParametersAndOrder() throws {
        let components = try CoveredComponents.parse(
            "\"@method\" \"@query-param\";name=\"Pet\"  \"example-dict\";key=\"a\" \"content-digest\";req")
        #expect(
            components.map(\.serialized) == [
                "\"@method\"", "\"@query-param\";name=\"Pet\"", "\"example-dict\";key=\"a\"", "\"content-digest\";req",
            ])
        #expect(try CoveredComponents.parse("").isEmpty)
        #expect(try CoveredComponents.parse(" ").isEmpty)
    }

    @Test(arguments: [
        "@method", "\"@method\" @path", "\"@method\") (\"@path\"", "\"@method\"), (\"@path\"", "\"@method\");x=1 (",
        "\"unterminated", "\"@method\",\"@path\"", "1", "?1",
    ])
    func malformedCoveredComponents(text: String) {
        #expect(throws: HTTPSigToolError.self) { try CoveredComponents.parse(text) }
    }

    @Test func coveredComponentNamesAreLowercase() {
        #expect(throws: HTTPSigToolError.invalidCoveredComponents("'Content-Type' is not a lowercase component name")) {
            try CoveredComponents.parse("\"Content-Type\"")
        }
        #expect(throws: HTTPSigToolError.invalidCoveredComponents("component names are quoted strings")) {
            try CoveredComponents.parse("content-type")
        }
    }

    @Test func parametersKeepTheirOrder() throws {
        let parameters = try SignatureParametersText.parse(
            ";keyid=\"k1\";nonce=\"n\";created=1618884473;tag=\"gnap\";expires=1618884773;alg=\"ed25519\"")
        #expect(Array(parameters.ordered.map(\.0)) == ["keyid", "nonce", "created", "tag", "expires", "alg"])
        #expect(parameters.created == 1_618_884_473)
        #expect(parameters.keyID == "k1")
        #expect(try SignatureParametersText.parse("").ordered.count == 0)
    }

    @Test(arguments: [
        (";created=\"now\"", "'created' must be an integer"),
        (";expires=1.5", "'expires' must be an integer"),
        (";keyid=k1", "'keyid' must be a quoted string"),
        (";tag", "'tag' must be a quoted string"),
        (";foo=1", "unknown parameter 'foo' (use created, expires, nonce, alg, keyid, tag)"),
    ])
    func badParameters(text: String, detail: String) {
        #expect(throws: HTTPSigToolError.invalidSignatureParameters(detail)) { try SignatureParametersText.parse(text) }
    }

    @Test(arguments: ["created=1", ";created=1 x", ";created=1, ()", "(\"@method\");created=1", ";Created=1"])
    func malformedParameters(text: String) {
        #expect(
            throws: HTTPSigToolError.invalidSignatureParameters(
                "expected ;name=value pairs, e.g. ';created=1618884473;keyid=\"k1\"'")
        ) {
            try SignatureParametersText.parse(text)
        }
    }

    @Test func namedValues() throws {
        #expect(try HTTPSigTool.algorithm(named: "ecdsa-p384-sha384") == .ecdsaP384SHA384)
        #expect(try HTTPSigTool.digestAlgorithm(named: "sha-512") == .sha512)
        #expect(try HTTPSigTool.scheme(named: "http") == .http)
        #expect(throws: HTTPSigToolError.unknownAlgorithm("rsa-sha1")) { try HTTPSigTool.algorithm(named: "rsa-sha1") }
        #expect(throws: HTTPSigToolError.unknownDigestAlgorithm("md5")) {
            try HTTPSigTool.digestAlgorithm(named: "md5")
        }
        #expect(throws: HTTPSigToolError.unknownScheme("ftp")) { try HTTPSigTool.scheme(named: "ftp") }
        #expect(
            HTTPSigToolError.unknownAlgorithm("x").description
                == "unknown algorithm 'x' (use one of: rsa-pss-sha512, rsa-v1_5-sha256, hmac-sha256, "
                + "ecdsa-p256-sha256, ecdsa-p384-sha384, ed25519)")
    }
}

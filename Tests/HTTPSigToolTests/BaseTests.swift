import HTTPMessageSignatures
import HTTPSigTool
import Testing

@Suite("httpsig base")
struct BaseTests {
    static let vectors = ToolVectors.shared

    /// The related request of each response vector (for `;req`), as the vector notes name them.
    static let relatedRequests = [
        "sec2.4-reqres-response-signature": "sec2.4-request",
        "sec2.4-reqres-2-response-signature": "sec2.4-signed-request",
    ]

    /// Every published signature base is rebuilt byte for byte from the message text.
    @Test(arguments: ToolVectors.shared.cases.map(\.name))
    func rebuildsEveryVectorBase(name: String) throws {
        let testCase = Self.vectors.testCase(name)
        let related = Self.relatedRequests[name].map(Self.vectors.messageBytes)
        let base = try HTTPSigTool.base(
            Self.vectors.signedMessage(testCase), options: BaseOptions(label: testCase.label, relatedRequest: related))
        #expect(base == testCase.signatureBase)
    }

    @Test func theSameBaseFromCRLFText() throws {
        let testCase = Self.vectors.testCase("B.2.6-ed25519")
        let crlf = String(decoding: Self.vectors.signedMessage(testCase), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: "\r\n")
        #expect(
            try HTTPSigTool.base(Array(crlf.utf8), options: BaseOptions(label: "sig-b26")) == testCase.signatureBase)
    }

    @Test func aResponseCoveringRequestComponentsNeedsTheRequest() {
        let message = Self.vectors.messageBytes("sec2.4-response-signed")
        #expect(
            throws: HTTPSigToolError.base(
                .component(.notApplicable(component: "@authority", reason: "the related request is not available")))
        ) {
            try HTTPSigTool.base(message, options: BaseOptions(label: "reqres"))
        }
    }

    @Test func theRequestFileMustHoldARequest() {
        let message = Self.vectors.messageBytes("sec2.4-response-signed")
        let response = Self.vectors.messageBytes("sec2.4-response-unsigned")
        #expect(throws: HTTPSigToolError.relatedRequestIsNotARequest) {
            try HTTPSigTool.base(message, options: BaseOptions(label: "reqres", relatedRequest: response))
        }
        #expect(throws: HTTPSigToolError.relatedRequest(.missingColon(line: 2))) {
            try HTTPSigTool.base(
                message, options: BaseOptions(label: "reqres", relatedRequest: Array("GET / HTTP/1.1\nx".utf8)))
        }
        #expect(throws: HTTPSigToolError.relatedRequestWithoutResponse) {
            try HTTPSigTool.base(
                Self.vectors.messageBytes("test-request"), options: BaseOptions(label: "x", relatedRequest: response))
        }
    }

    @Test func unknownLabelsAndUnsignedMessages() {
        let signed = Self.vectors.messageBytes("sec3.2-signed-request")
        #expect(throws: HTTPSigToolError.noSuchSignature("sig2")) {
            try HTTPSigTool.base(signed, options: BaseOptions(label: "sig2"))
        }
        #expect(throws: HTTPSigToolError.noSuchSignature("sig1")) {
            try HTTPSigTool.base(Self.vectors.messageBytes("test-request"), options: BaseOptions(label: "sig1"))
        }
    }

    @Test func malformedSignatureFieldsAreReported() {
        let message = Array(
            "GET / HTTP/1.1\nHost: a\nSignature-Input: sig1=(\"@method\"\nSignature: sig1=:AA==:\n\n".utf8)
        #expect(
            throws: HTTPSigToolError.signatureFields(.malformed("signature-input is not a valid structured dictionary"))
        ) {
            try HTTPSigTool.base(message, options: BaseOptions(label: "sig1"))
        }
        #expect(throws: HTTPSigToolError.message(.emptyInput)) {
            try HTTPSigTool.base([], options: BaseOptions(label: "sig1"))
        }
    }

    /// The target URI rule: https + Host + target, http with --scheme http, or the absolute URI of the request line.
    @Test(arguments: [
        ("GET /p?q HTTP/1.1\nHost: Example.COM:443\n", TargetScheme.https, "https://example.com/p?q"),
        ("GET /p?q HTTP/1.1\nHost: example.com:80\n", .http, "http://example.com/p?q"),
        ("GET /p HTTP/1.1\nHost: example.com:8443\n", .https, "https://example.com:8443/p"),
        (
            "GET http://www.example.com/path?param=value HTTP/1.1\nHost: ignored\n", .https,
            "http://www.example.com/path?param=value"
        ),
        ("OPTIONS * HTTP/1.1\nHost: example.com\n", .https, "https://example.com"),
        ("CONNECT example.com:8080 HTTP/1.1\nHost: example.com:8080\n", .https, "https://example.com:8080"),
    ])
    func targetURI(head: String, scheme: TargetScheme, uri: String) throws {
        let message = head + "Signature-Input: s=(\"@target-uri\")\nSignature: s=:AA==:\n\n"
        let base = try HTTPSigTool.base(Array(message.utf8), options: BaseOptions(label: "s", scheme: scheme))
        #expect(base == "\"@target-uri\": \(uri)\n\"@signature-params\": (\"@target-uri\")")
    }

    /// RFC 9421 §2.2.5 and §2.2.6 to §2.2.8 for each request-target form.
    @Test func derivedComponentsOfAnAbsoluteFormRequest() throws {
        let message = """
            GET https://www.example.com/path?param=value HTTP/1.1
            Host: www.example.com
            Signature-Input: s=("@request-target" "@scheme" "@authority" "@path" "@query" "@query-param";name="param")
            Signature: s=:AA==:


            """
        let base = try HTTPSigTool.base(Array(message.utf8), options: BaseOptions(label: "s", scheme: .http))
        #expect(
            base.split(separator: "\n").dropLast() == [
                "\"@request-target\": https://www.example.com/path?param=value", "\"@scheme\": https",
                "\"@authority\": www.example.com", "\"@path\": /path", "\"@query\": ?param=value",
                "\"@query-param\";name=\"param\": value",
            ])
    }

    @Test func requestTargetOfTheAuthorityAndAsteriskForms() throws {
        let covered = "Signature-Input: s=(\"@request-target\" \"@authority\" \"@path\")\nSignature: s=:AA==:\n"
        let connect = "CONNECT www.example.com:80 HTTP/1.1\nHost: www.example.com\n" + covered
        #expect(
            try HTTPSigTool.base(Array(connect.utf8), options: BaseOptions(label: "s")).hasPrefix(
                "\"@request-target\": www.example.com:80\n\"@authority\": www.example.com:80\n\"@path\": /\n"))
        let options = "OPTIONS * HTTP/1.1\nHost: www.example.com\n" + covered
        #expect(
            try HTTPSigTool.base(Array(options.utf8), options: BaseOptions(label: "s")).hasPrefix(
                "\"@request-target\": *\n\"@authority\": www.example.com\n\"@path\": /\n"))
    }

    @Test func twoHostFieldsAreRefused() {
        let message = "GET / HTTP/1.1\nHost: a\nHost: b\nSignature-Input: s=()\nSignature: s=:AA==:\n\n"
        #expect(throws: HTTPSigToolError.multipleHostFields) {
            try HTTPSigTool.base(Array(message.utf8), options: BaseOptions(label: "s"))
        }
    }

    @Test func obsoleteLineFoldingInACoveredField() throws {
        let message =
            "GET / HTTP/1.1\r\nHost: a\r\nX-Fold: one\r\n  two\r\n"
            + "Signature-Input: s=(\"x-fold\")\r\nSignature: s=:AA==:\r\n\r\n"
        #expect(
            try HTTPSigTool.base(Array(message.utf8), options: BaseOptions(label: "s"))
                == "\"x-fold\": one two\n\"@signature-params\": (\"x-fold\")")
    }
}

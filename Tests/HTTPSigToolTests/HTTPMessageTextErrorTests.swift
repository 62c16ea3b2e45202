import HTTPSigTool
import Testing

/// Every way a message text can be malformed yields its own typed error, never a crash.
@Suite("HTTP/1.1 message text errors")
struct HTTPMessageTextErrorTests {
    @Test(arguments: [
        ("", HTTPMessageTextError.emptyInput),
        ("\nHost: a\n\n", .invalidStartLine("")),
        ("GET /\n\n", .invalidStartLine("GET /")),
        ("GET  / HTTP/1.1\n\n", .invalidStartLine("GET  / HTTP/1.1")),
        ("GET / HTTP/1.1 extra\n\n", .invalidStartLine("GET / HTTP/1.1 extra")),
        ("G(T / HTTP/1.1\n\n", .invalidMethod("G(T")),
        ("GET / HTTP/11\n\n", .invalidHTTPVersion("HTTP/11")),
        ("GET / http/1.1\n\n", .invalidHTTPVersion("http/1.1")),
        ("GET foo HTTP/1.1\n\n", .invalidRequestTarget("foo")),
        ("GET ://host/ HTTP/1.1\n\n", .invalidRequestTarget("://host/")),
        ("GET 1http://host/ HTTP/1.1\n\n", .invalidRequestTarget("1http://host/")),
        ("GET https:///path HTTP/1.1\n\n", .invalidRequestTarget("https:///path")),
        ("GET /caf\u{E9} HTTP/1.1\n\n", .invalidRequestTarget("/caf\u{E9}")),
        ("CONNECT host:443/x HTTP/1.1\n\n", .invalidRequestTarget("host:443/x")),
        ("HTTP/1.1\n\n", .invalidStartLine("HTTP/1.1")),
        ("HTTP/1.1 20 OK\n\n", .invalidStatusCode("20")),
        ("HTTP/1.1 2000 OK\n\n", .invalidStatusCode("2000")),
        ("HTTP/1.1 abc OK\n\n", .invalidStatusCode("abc")),
        // RFC 9110 §15: 100 to 599. "053" was read as 53 and written back as "53" (found by fuzzing).
        ("HTTP/1.1 053 OK\n\n", .invalidStatusCode("053")),
        ("HTTP/1.1 099 OK\n\n", .invalidStatusCode("099")),
        ("HTTP/1.1 600 OK\n\n", .invalidStatusCode("600")),
        ("HTTP/1.1 200 O\u{1}K\n\n", .invalidStartLine("HTTP/1.1 200 O\u{1}K")),
        ("HTTP/x.1 200 OK\n\n", .invalidHTTPVersion("HTTP/x.1")),
        ("GET / HTTP/1.1\rHost: a\n\n", .bareCarriageReturn(line: 1)),
        ("GET / HTTP/1.1\nHost: a\rb\n\n", .bareCarriageReturn(line: 2)),
        ("GET / HTTP/1.1\n  folded\nHost: a\n\n", .continuationWithoutField(line: 2)),
        ("GET / HTTP/1.1\nHost: a\nno colon here\n\n", .missingColon(line: 3)),
        ("GET / HTTP/1.1\n: empty name\n\n", .invalidFieldName(line: 2, name: "")),
        ("GET / HTTP/1.1\nBad(Name): x\n\n", .invalidFieldName(line: 2, name: "Bad(Name)")),
        ("GET / HTTP/1.1\nNa\u{E9}me: x\n\n", .invalidFieldName(line: 2, name: "Na\u{E9}me")),
        ("GET / HTTP/1.1\nHost : a\n\n", .whitespaceBeforeColon(line: 2)),
        ("GET / HTTP/1.1\nHost\t: a\n\n", .whitespaceBeforeColon(line: 2)),
        ("GET / HTTP/1.1\nX: a\u{0}b\n\n", .invalidFieldValue(line: 2, name: "X")),
        ("GET / HTTP/1.1\nX: a\u{7F}\n\n", .invalidFieldValue(line: 2, name: "X")),
        ("GET / HTTP/1.1\nX: a\n \u{1B}[31m\n\n", .invalidFieldValue(line: 3, name: "X")),
    ])
    func malformedInput(input: String, error: HTTPMessageTextError) {
        #expect(throws: error) { try HTTPMessageText(parsing: Array(input.utf8)) }
    }

    @Test func aStartLineThatIsNotUTF8IsRefused() {
        #expect(throws: HTTPMessageTextError.invalidStartLine("GET /\u{FFFD} HTTP/1.1")) {
            try HTTPMessageText(parsing: Array("GET /".utf8) + [0xFF] + Array(" HTTP/1.1\n\n".utf8))
        }
    }

    @Test func aBodyMayHoldAnyBytes() throws {
        let body: [UInt8] = [0x00, 0x0D, 0xFF, 0x0A, 0x0D]
        #expect(try HTTPMessageText(parsing: Array("PUT /b HTTP/1.1\n\n".utf8) + body).body == body)
    }

    @Test func errorMessagesNameTheLineAndEscapeControlCharacters() {
        #expect(HTTPMessageTextError.missingColon(line: 3).description.hasPrefix("line 3: "))
        #expect(
            HTTPMessageTextError.invalidMethod("G\u{1B}T").description == "line 1: 'G\\u{1b}T' is not a valid method")
    }

    /// C1 controls (U+0080 to U+009F; U+009B is CSI) in the input are escaped like C0 ones. Found by fuzzing.
    @Test func errorMessagesEscapeC1ControlCharacters() throws {
        let input = Array("GET /a".utf8) + [0xC2, 0x9B] + Array("31m HTTP/1.1 x\n\n".utf8)
        #expect(throws: HTTPMessageTextError.invalidStartLine("GET /a\u{9B}31m HTTP/1.1 x")) {
            try HTTPMessageText(parsing: input)
        }
        #expect(
            HTTPMessageTextError.invalidStartLine("GET /a\u{9B}31m\u{85}\u{A0}").description
                == "line 1: 'GET /a\\u{9b}31m\\u{85}\u{A0}' is neither a request line ('METHOD TARGET HTTP/1.1') nor a "
                + "status line ('HTTP/1.1 CODE REASON')")
    }
}

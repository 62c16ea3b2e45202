import HTTPSigTool
import Testing

@Suite("HTTP/1.1 message text")
struct HTTPMessageTextTests {
    @Test func readsARequestWithLFLineEnds() throws {
        let text = try HTTPMessageText(parsing: Array("POST /foo?a=b HTTP/1.1\nHost: example.com\nX-A: 1\n\nbody".utf8))
        #expect(text.startLine == .request(method: "POST", target: .origin("/foo?a=b"), version: "HTTP/1.1"))
        #expect(text.fields.map(\.name) == ["Host", "X-A"])
        #expect(text.fields.map(\.value) == ["example.com", "1"])
        #expect(text.body == Array("body".utf8))
        #expect(text.lineEnding == .lf)
    }

    @Test func readsAResponseWithCRLFLineEndsAndKeepsTheBodyExactly() throws {
        let body = "line one\r\nline two\n\r\n"
        let text = try HTTPMessageText(
            parsing: Array("HTTP/1.1 503 Service Unavailable\r\nDate: x\r\n\r\n\(body)".utf8))
        #expect(text.startLine == .response(version: "HTTP/1.1", status: 503, reason: "Service Unavailable"))
        #expect(text.body == Array(body.utf8))
        #expect(text.lineEnding == .crlf)
    }

    @Test func statusLineWithoutReason() throws {
        let text = try HTTPMessageText(parsing: Array("HTTP/1.1 204\n\n".utf8))
        #expect(text.startLine == .response(version: "HTTP/1.1", status: 204, reason: nil))
        #expect(text.serialized == Array("HTTP/1.1 204\n\n".utf8))
    }

    @Test func keepsFieldOrderCaseAndRepeatedFields() throws {
        let text = try HTTPMessageText(
            parsing: Array("GET / HTTP/1.1\nAccept: a\nX-Mixed-CASE: v\naccept: b\n\n".utf8))
        #expect(text.fields.map(\.name) == ["Accept", "X-Mixed-CASE", "accept"])
        #expect(text.values(of: "ACCEPT") == ["a", "b"])
    }

    @Test func trimsWhitespaceAroundValuesButKeepsTheRawLine() throws {
        let text = try HTTPMessageText(parsing: Array("GET / HTTP/1.1\nX-OWS:  \t padded \t \n\n".utf8))
        #expect(text.fields[0].value == "padded")
        #expect(text.fields[0].raw == Array("X-OWS:  \t padded \t ".utf8))
        let empty = try HTTPMessageText(parsing: Array("GET / HTTP/1.1\nX-Empty: \n\n".utf8))
        #expect(empty.fields[0].value == "")
    }

    /// RFC 9112 §5.2 and RFC 9421 §2.1: each obs-fold becomes one space; the raw text keeps the fold.
    @Test(arguments: [LineEnding.lf, .crlf])
    func obsoleteLineFoldingBecomesOneSpace(ending: LineEnding) throws {
        let input = ["GET / HTTP/1.1", "X-Obs-Fold-Header: Obsolete  ", "    line", "\tfolding.", "Next: 1", "", ""]
            .joined(separator: ending.rawValue)
        let text = try HTTPMessageText(parsing: Array(input.utf8))
        #expect(text.fields.map(\.value) == ["Obsolete line folding.", "1"])
        #expect(
            text.fields[0].raw
                == Array("X-Obs-Fold-Header: Obsolete  \(ending.rawValue)    line\(ending.rawValue)\tfolding.".utf8))
        #expect(text.serialized == Array(input.utf8))
    }

    @Test func theRFC9421FieldExamplesGiveTheirComponentValues() throws {
        let text = try HTTPMessageText(
            parsing: Array(
                """
                GET / HTTP/1.1
                Host: www.example.com
                X-OWS-Header:   Leading and trailing whitespace.
                X-Obs-Fold-Header: Obsolete
                    line folding.
                Example-Dict:  a=1,    b=2;x=1;y=2,   c=(a   b   c)

                """.utf8))
        #expect(text.values(of: "x-ows-header") == ["Leading and trailing whitespace."])
        #expect(text.values(of: "x-obs-fold-header") == ["Obsolete line folding."])
        #expect(text.values(of: "example-dict") == ["a=1,    b=2;x=1;y=2,   c=(a   b   c)"])
    }

    @Test func theEndOfInputEndsTheHeaderSectionUnlessTheEmptyLineIsRequired() throws {
        for input in ["GET / HTTP/1.1\nHost: a", "GET / HTTP/1.1\nHost: a\n", "GET / HTTP/1.1"] {
            let text = try HTTPMessageText(parsing: Array(input.utf8))
            #expect(text.body.isEmpty)
            #expect(throws: HTTPMessageTextError.missingEmptyLine) {
                try HTTPMessageText(parsing: Array(input.utf8), requireEmptyLine: true)
            }
        }
        #expect(try HTTPMessageText(parsing: Array("GET / HTTP/1.1\n\n".utf8), requireEmptyLine: true).body.isEmpty)
    }

    @Test func mixedLineEndsAreAcceptedAndTheStartLineSetsTheStyle() throws {
        let text = try HTTPMessageText(parsing: Array("GET / HTTP/1.1\r\nA: 1\nB: 2\r\n\nbody".utf8))
        #expect(text.lineEnding == .crlf)
        #expect(text.fields.map(\.value) == ["1", "2"])
        #expect(text.serialized == Array("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\nbody".utf8))
    }

    @Test(arguments: [
        ("GET /p?q=1 HTTP/1.1", RequestTarget.origin("/p?q=1")),
        ("OPTIONS * HTTP/1.1", .asterisk),
        ("CONNECT www.example.com:80 HTTP/1.1", .authority("www.example.com:80")),
        (
            "GET https://www.example.com/path?param=value HTTP/1.1",
            .absolute(
                uri: "https://www.example.com/path?param=value", scheme: "https", authority: "www.example.com",
                pathAndQuery: "/path?param=value")
        ),
        (
            "GET HTTP://Example.com:8080?x HTTP/1.1",
            .absolute(
                uri: "HTTP://Example.com:8080?x", scheme: "http", authority: "Example.com:8080", pathAndQuery: "?x")
        ),
    ])
    func requestTargetForms(line: String, target: RequestTarget) throws {
        let text = try HTTPMessageText(parsing: Array(line.utf8))
        guard case .request(_, let parsed, _) = text.startLine else {
            Issue.record("not a request")
            return
        }
        #expect(parsed == target)
    }

    @Test func serializingAppendsNewFieldsAfterTheOldOnes() throws {
        var text = try HTTPMessageText(parsing: Array("POST /x HTTP/1.1\r\nhost:example.com\r\n\r\n{}".utf8))
        text.fields.append(FieldLine(name: "Signature", value: "a=:AA==:"))
        #expect(text.serialized == Array("POST /x HTTP/1.1\r\nhost:example.com\r\nSignature: a=:AA==:\r\n\r\n{}".utf8))
    }
}

import HTTPMessageSignatures
import HTTPSigTool
import HTTPTypes
import Testing

/// RFC 9421 §2: every example message of the vector file and the signature base lines it must produce, from
/// combined and obs-folded fields through `sf`, `key`, `bs` and `tr` to every derived component.
@Suite("RFC 9421 §2 component values")
struct ComponentValueExampleTests {
    @Test("component value example", arguments: try VectorCatalog.componentExampleIndices())
    func example(index: Int) throws {
        let example = try VectorCatalog.vectors().componentValueExamples[index]
        // The file marks the one example over plain HTTP in its section title; the others are over HTTPS.
        let scheme: TargetScheme = example.section.contains("plain HTTP") ? .http : .https
        let parsed = try Self.read(example.message, scheme: scheme)
        let identifiers = try example.expectedBaseLines.map { line in
            try #require(line.range(of: ": ").map { String(line[..<$0.lowerBound]) }, "\(line)")
        }
        let components = try Self.components(identifiers)
        #expect(components.map(\.serialized) == identifiers, "\(example.section)")
        let base = try SignatureBase(message: parsed.message, components: components, parameters: SignatureParameters())
        let lines = base.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines == example.expectedBaseLines, "\(example.section)")
    }

    @Test func everySectionTwoExampleIsPresent() throws {
        let sections = Set(try VectorCatalog.vectors().componentValueExamples.map(\.section))
        for expected in ["2.1", "2.1.1", "2.1.2", "2.1.4 (trailer)", "2.2.2 (request over HTTPS)", "2.2.8 (encoding)"] {
            #expect(sections.contains(expected))
        }
        #expect(sections.filter { $0.hasPrefix("2.2.5") }.count == 4)
    }

    /// The §2.1.4 example's chunked body and trailer are read as the message text says.
    @Test func trailerExampleIsReadAsChunkedContentWithTrailer() throws {
        let example = try #require(
            try VectorCatalog.vectors().componentValueExamples.first { $0.section.contains("tr") })
        let parsed = try Self.read(example.message)
        #expect(parsed.text.content == Array("HTTPMessageSignatures".utf8))
        #expect(parsed.message.responseTrailers?[HTTPField.Name("Expires")!] == "Wed, 9 Nov 2022 07:28:00 GMT")
        #expect(parsed.message.headerFields[HTTPField.Name("Expires")!] == nil)
    }

    /// The request-target forms of §2.2.5 feed the other derived components consistently (RFC 9112 §3.2, §3.3): an
    /// absolute-form target is the target URI, Host notwithstanding; authority- and asterisk-form targets have no path.
    @Test func requestTargetFormsDriveTheOtherDerivedComponents() throws {
        let absolute = try Self.read("GET HTTPS://WWW.Example.com:443/p/q?a=1 HTTP/1.1\nHost: other.example").message
        #expect(try Probe.value(of: #""@request-target""#, in: absolute) == "HTTPS://WWW.Example.com:443/p/q?a=1")
        #expect(try Probe.value(of: #""@target-uri""#, in: absolute) == "https://www.example.com/p/q?a=1")
        #expect(try Probe.value(of: #""@authority""#, in: absolute) == "www.example.com")
        #expect(try Probe.value(of: #""@scheme""#, in: absolute) == "https")
        #expect(try Probe.value(of: #""@path""#, in: absolute) == "/p/q")
        #expect(try Probe.value(of: #""@query""#, in: absolute) == "?a=1")
        #expect(try Probe.value(of: #""@query-param";name="a""#, in: absolute) == "1")

        let connect = try Self.read("CONNECT www.example.com:80 HTTP/1.1\nHost: www.example.com").message
        #expect(try Probe.value(of: #""@authority""#, in: connect) == "www.example.com:80")
        // RFC 9112 §3.3: the authority form's target URI has an empty path and query, so `@path` is "/" (RFC 9421
        // §2.2.6) and `@query` is "?" (§2.2.7).
        #expect(try Probe.value(of: #""@path""#, in: connect) == "/")
        #expect(try Probe.value(of: #""@query""#, in: connect) == "?")
        // Its target URI is the scheme, "://" and the authority (RFC 9112 §3.3); without a scheme there is none.
        #expect(try Probe.value(of: #""@target-uri""#, in: connect) == "https://www.example.com:80")
        let schemeless = HTTPMessage.request(
            HTTPRequest(method: .connect, scheme: nil, authority: "www.example.com:80", path: nil))
        #expect(throws: SignatureBaseError.component(.missingDerivedValue("@target-uri"))) {
            try Probe.value(of: #""@target-uri""#, in: schemeless)
        }

        let asterisk = try Self.read("OPTIONS * HTTP/1.1\nHost: www.example.com").message
        #expect(try Probe.value(of: #""@target-uri""#, in: asterisk) == "https://www.example.com")
        #expect(try Probe.value(of: #""@path""#, in: asterisk) == "/")
        #expect(try Probe.value(of: #""@query""#, in: asterisk) == "?")
    }

    /// An example message read by the `gnapterm httpsig` parser, as an HTTP/1.1 implementation in front of this
    /// library would read it. §2.1 prints some examples as bare field lines without a start line: those are read as
    /// the fields of `GET / HTTP/1.1`.
    static func read(_ example: String, scheme: TargetScheme = .https) throws -> (
        text: HTTPMessageText, message: HTTPMessage
    ) {
        let firstLine = example.prefix { $0 != "\n" }
        let hasStartLine =
            firstLine.hasPrefix("HTTP/") || firstLine.split(separator: " ").last?.hasPrefix("HTTP/") == true
        let text = try HTTPMessageText(parsing: Array(((hasStartLine ? "" : "GET / HTTP/1.1\n") + example).utf8))
        return (text, try text.httpMessage(scheme: scheme))
    }

    /// Component identifiers read through the public API: as the covered components of a `Signature-Input` member.
    static func components(_ identifiers: [String]) throws -> [ComponentIdentifier] {
        var fields = HTTPFields()
        fields[.signatureInput] = "x=(\(identifiers.joined(separator: " ")))"
        fields[.signature] = "x=:AA==:"
        return try #require(try ReceivedSignature.all(in: fields).first).components
    }
}

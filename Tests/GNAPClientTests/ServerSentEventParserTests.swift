import GNAPClient
import Testing

@Suite("Server-sent event parser")
struct ServerSentEventParserTests {
    static let stream =
        Array(
            "retry: 2000\r\n\r\n: keep-alive\n\nid: 41\nevent: grant.created\ndata: {\"a\":1}\n\n"
                .utf8)
        + Array("id: 42\r\nevent: code.entered\r\ndata: line one\r\ndata: line two, ünïcødé\r\n\r\n".utf8)
        + Array("id: 43\revent: grant.denied\rdata:no space\r\r".utf8)

    static let expected = [
        ServerSentEvent(id: "41", event: "grant.created", data: "{\"a\":1}"),
        ServerSentEvent(id: "42", event: "code.entered", data: "line one\nline two, ünïcødé"),
        ServerSentEvent(id: "43", event: "grant.denied", data: "no space"),
    ]

    @Test func parsesEventsWithEveryLineEnding() throws {
        var parser = ServerSentEventParser()
        #expect(try parser.feed(Self.stream) == Self.expected)
        #expect(parser.retry == .milliseconds(2000))
        #expect(parser.lastEventID == "43")
    }

    /// The network may split the body anywhere: inside a field name, inside a UTF-8 sequence, between the CR and LF
    /// of one line end. Every single split point, and byte-by-byte delivery, give the same events.
    @Test func everyChunkBoundaryGivesTheSameEvents() throws {
        for split in 0...Self.stream.count {
            var parser = ServerSentEventParser()
            let events = try parser.feed(Self.stream[..<split]) + parser.feed(Self.stream[split...])
            #expect(events == Self.expected, "split at \(split)")
        }
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for byte in Self.stream { events += try parser.feed([byte]) }
        #expect(events == Self.expected)
    }

    @Test func anEventIsDispatchedOnlyByItsBlankLine() throws {
        var parser = ServerSentEventParser()
        #expect(try parser.feed(Array("id: 7\ndata: x\n".utf8)).isEmpty)
        #expect(try parser.feed(Array("\n".utf8)) == [ServerSentEvent(id: "7", event: "message", data: "x")])
        // No data: nothing to dispatch, but the id is remembered (for Last-Event-ID).
        #expect(try parser.feed(Array("id: 8\n\n".utf8)).isEmpty)
        #expect(parser.lastEventID == "8")
        #expect(try parser.feed(Array("data\n\n".utf8)) == [ServerSentEvent(id: "8", event: "message", data: "")])
    }

    @Test func anOverlongLineIsAnError() throws {
        var parser = ServerSentEventParser(maximumLineLength: 16)
        #expect(throws: ServerSentEventParser.LineTooLong.self) {
            _ = try parser.feed(Array("data: 0123456789abcdef\n".utf8))
        }
    }
}

import GNAP
import NIOCore
import NIOHTTP1

/// Answers one connection of the finish listener: reads one request, checks it, answers, closes.
struct FinishRequestHandler: Sendable {
    let path: String
    let inbox: FinishInbox

    /// Largest request content accepted.
    static let maximumBodySize = 16 * 1024
    /// How long a callback waits for the expectation (the AS could push before the client has read its response).
    static let expectationWait: Duration = .seconds(5)

    func serve(_ connection: FinishListener.Connection) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                case .body(let buffer):
                    guard body.count + buffer.readableBytes <= Self.maximumBodySize else {
                        try await Self.write(Reply.error(.payloadTooLarge, "the content is too large"), to: outbound)
                        return
                    }
                    body += buffer.readableBytesView
                case .end:
                    guard let head else { return }
                    try await Self.write(await reply(head, body), to: outbound)
                    return
                }
            }
        }
    }

    private func reply(_ head: HTTPRequestHead, _ body: [UInt8]) async -> Reply {
        let target = head.uri
        let requestPath = target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
        guard requestPath == path else { return .error(.notFound, "not found") }
        let callback: InteractionFinishCallback
        switch head.method {
        case .POST:
            // §4.2.2: a JSON object with `hash` and `interact_ref`.
            guard let decoded = try? GNAPJSON.decode(InteractionFinishCallback.self, from: body) else {
                return .error(.badRequest, "the content must be {\"hash\": …, \"interact_ref\": …}")
            }
            callback = decoded
        case .GET:
            // §4.2.1: the query parameters of the browser's redirect.
            guard let decoded = try? FinishRedirect.callback(fromQuery: target) else {
                return .page(.badRequest, "This link is incomplete. Return to your device and try again.")
            }
            callback = decoded
        default:
            return .error(.methodNotAllowed, "use POST (push) or GET (redirect)")
        }
        let verdict = await verdict(for: callback)
        let isPush = head.method == .POST
        switch verdict {
        case .accepted:
            return isPush ? .accepted : .page(.ok, "Done. You can close this page and return to your device.")
        case .noExpectation, .hashMismatch, .alreadyAccepted:
            // §4.2.2: "If either fails, the client instance MUST return an unknown_interaction error".
            return isPush
                ? .error(.badRequest, "the interaction hash does not verify", code: "unknown_interaction")
                : .page(.badRequest, "This link does not belong to the request this device made.")
        }
    }

    private func verdict(for callback: InteractionFinishCallback) async -> FinishInbox.Verdict {
        let deadline = ContinuousClock.now.advanced(by: Self.expectationWait)
        while inbox.expectation == nil && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return inbox.offer(callback)
    }

    /// A response of the listener.
    struct Reply {
        var status: HTTPResponseStatus
        var contentType: String?
        var body: [UInt8]

        static let accepted = Reply(status: .noContent, contentType: nil, body: [])

        static func error(_ status: HTTPResponseStatus, _ description: String, code: String = "invalid_request")
            -> Reply
        {
            let error = GNAPError(GNAPError.Code(rawValue: code), description)
            let body = (try? GNAPJSON.encode(GrantResponse(error: error))) ?? []
            return Reply(status: status, contentType: "application/json", body: body)
        }

        static func page(_ status: HTTPResponseStatus, _ text: String) -> Reply {
            let html =
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>gnapterm</title></head>"
                + "<body><p>\(text)</p></body></html>"
            return Reply(status: status, contentType: "text/html; charset=utf-8", body: Array(html.utf8))
        }
    }

    private static func write(_ reply: Reply, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>)
        async throws
    {
        var headers = HTTPHeaders()
        if let contentType = reply.contentType { headers.add(name: "Content-Type", value: contentType) }
        headers.add(name: "Content-Length", value: String(reply.body.count))
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "Connection", value: "close")
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: reply.status, headers: headers)))
        if !reply.body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))) }
        try await outbound.write(.end(nil))
    }
}

import AsyncHTTPClient
import Foundation
import GNAP
import HTTPTypes
import NIOCore
import NIOHTTP1

/// Follows one of an AS's event streams (`text/event-stream`, signed like every call of its API): the admin stream
/// (``AdminEventStream``) and an approver's inbox (``InboxEventStream``). ``open(url:after:decode:)`` returns once
/// the AS has answered (so the stream's start position is fixed); the events then arrive through the returned
/// ``EventSubscription``.
public struct SignedEventStream: Sendable {
    public let client: SignedClient
    let httpClient: HTTPClient
    /// The AS sends a keep-alive comment every 15 seconds by default: a stream silent for this long is dead.
    public var idleTimeout: Duration
    /// Largest error body read when the AS refuses the stream.
    public var maximumErrorSize: Int

    /// - Parameters:
    ///   - httpClient: default ``AsyncHTTPTransport/failFastClient``.
    ///   - idleTimeout: default 45 seconds.
    ///   - maximumErrorSize: default 64 KiB.
    public init(
        client: SignedClient, httpClient: HTTPClient = AsyncHTTPTransport.failFastClient,
        idleTimeout: Duration = .seconds(45), maximumErrorSize: Int = 1 << 16
    ) {
        self.client = client
        self.httpClient = httpClient
        self.idleTimeout = idleTimeout
        self.maximumErrorSize = maximumErrorSize
    }

    /// Opens the stream at `url` after the event `lastEventID` (sent as `Last-Event-ID`), or from the AS's newest
    /// when nil; `decode` turns each event into a value (nil skips it). Throws the AS's error or a transport error.
    public func open<Event: Sendable>(
        url: String, after lastEventID: Int64?, decode: @escaping @Sendable (ServerSentEvent) -> Event?
    ) async throws(GNAPClientError) -> EventSubscription<Event> {
        guard let parsed = URL(string: url) else { throw .invalidURL(url) }
        var request = HTTPRequest(method: .get, url: parsed)
        request.headerFields[.accept] = "text/event-stream"
        if let lastEventID { request.headerFields[HTTPField.Name("Last-Event-ID")!] = String(lastEventID) }
        do {
            try client.profile.sign(
                &request, content: [], key: client.key, digest: client.digest, now: client.clock.now)
        } catch {
            throw .signing(String(describing: error))
        }
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = .GET
        for field in request.headerFields { outgoing.headers.add(name: field.name.rawName, value: field.value) }
        let response: HTTPClientResponse
        do {
            // The stream has no end; liveness is the idle timeout's job, not a request deadline.
            response = try await httpClient.execute(outgoing, deadline: .distantFuture)
        } catch {
            throw .transport(AsyncHTTPTransport.describe(error, url: url))
        }
        guard response.status == .ok else {
            let bytes: [UInt8]
            do {
                var body = try await response.body.collect(upTo: maximumErrorSize)
                bytes = body.readBytes(length: body.readableBytes) ?? []
            } catch {
                throw .transport(AsyncHTTPTransport.describe(error, url: url))
            }
            let head = HTTPResponse(status: HTTPResponse.Status(code: Int(response.status.code)))
            _ = try SignedClient.decode(head, bytes, as: NoContent.self)
            throw .malformedResponse("the event stream answered \(response.status.code)")
        }
        return EventSubscription(body: response.body, url: url, idleTimeout: idleTimeout, decode: decode)
    }
}

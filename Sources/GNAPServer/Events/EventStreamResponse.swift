import GNAP
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// The HTTP side shared by the event streams (`GET /admin/v1/events`, `GET /interact/v1/inbox/events`): query
/// parameters, where the stream starts, and the streaming response.
enum EventStreamResponse {
    /// The query parameters every stream takes: `last_event_id` (the first connection's position; the header wins on
    /// reconnection) and `follow` (default true; false ends the stream once it caught up).
    static let parameters: Set<String> = ["last_event_id", "follow"]

    /// Checks the parameters and returns `follow`.
    static func follow(_ parameters: [String: String]) throws(APIError) -> Bool {
        if let unknown = parameters.keys.sorted().first(where: { !Self.parameters.contains($0) }) {
            throw APIError(GNAPError(.invalidRequest, "unknown query parameter '\(unknown)'"))
        }
        switch parameters["follow"] {
        case nil, "true": return true
        case "false": return false
        default: throw APIError(GNAPError(.invalidRequest, "follow must be true or false"))
        }
    }

    /// Where the stream starts: after `Last-Event-ID` (EventSource sends it on reconnection), else after the
    /// `last_event_id` parameter, else after `latest()` (only what happens from now on).
    static func position(
        _ request: Request, _ parameters: [String: String], latest: () async throws -> Int64
    ) async throws(APIError) -> Int64 {
        if let resume = request.headers[HTTPField.Name("Last-Event-ID")!] ?? parameters["last_event_id"] {
            guard let value = Int64(resume.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw APIError(GNAPError(.invalidRequest, "Last-Event-ID must be an event id"))
            }
            return value
        }
        do {
            return try await latest()
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not read its log"))
        }
    }

    /// The streaming response of a feed.
    static func make(_ feed: (stream: AsyncStream<ByteBuffer>, producer: Task<EventFeed.End, Never>)) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        // The stream never ends by itself, and a graceful shutdown (SIGTERM) waits for every response: on shutdown
        // the producer stops, the stream finishes, and the watcher reconnects (with Last-Event-ID) to the next AS.
        let body = ResponseBody { writer in
            try await withGracefulShutdownHandler {
                for await buffer in feed.stream { try await writer.write(buffer) }
            } onGracefulShutdown: {
                feed.producer.cancel()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

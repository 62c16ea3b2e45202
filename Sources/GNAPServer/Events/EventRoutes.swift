import GNAP
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// `GET /admin/v1/events`: the audit log as a live text/event-stream, for admins.
enum EventRoutes {
    static func add(
        to router: Router<ASRequestContext>, authenticator: AdminAuthenticator,
        administration: any AdministrationStore, configuration: EventStreamConfiguration,
        coordination: any InstanceCoordination, read: @escaping AdminRoutes.Reader
    ) {
        router.get("/admin/v1/events") { request, context in
            let signed = try await read(request, context)
            let watcher = try await authenticator.authenticate(signed)
            let parameters = try request.queryDictionary()
            if let unknown = parameters.keys.sorted().first(where: { !["last_event_id", "follow"].contains($0) }) {
                throw APIError(GNAPError(.invalidRequest, "unknown query parameter '\(unknown)'"))
            }
            let follow: Bool
            switch parameters["follow"] {
            case nil, "true": follow = true
            case "false": follow = false
            default: throw APIError(GNAPError(.invalidRequest, "follow must be true or false"))
            }
            // The header wins (EventSource sends it on reconnection); the parameter serves the first connection.
            let resume = request.headers[HTTPField.Name("Last-Event-ID")!] ?? parameters["last_event_id"]
            let position: Int64
            if let resume {
                guard let value = Int64(resume.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                    throw APIError(GNAPError(.invalidRequest, "Last-Event-ID must be an event id"))
                }
                position = value
            } else {
                do {
                    position = try await administration.latestAuditEntryID()
                } catch {
                    throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not read its log"))
                }
            }
            let feed = AuditEventFeed.start(
                store: administration, configuration: configuration, after: position, follow: follow,
                reauthorize: { await authenticator.reauthorize(watcher) }, coordination: coordination)
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
}

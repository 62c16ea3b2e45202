import GNAP
import HTTPTypes
import Hummingbird

/// `GET /admin/v1/events`: the audit log as a live text/event-stream, for admins.
enum EventRoutes {
    static func add(to router: Router<ASRequestContext>, services: ASServices, read: @escaping AdminRoutes.Reader) {
        router.get("/admin/v1/events") { request, context in
            let signed = try await read(request, context)
            _ = try await AdminAuthenticator(services: services).authenticate(signed)
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
                    position = try await services.store.latestAuditEntryID()
                } catch {
                    throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not read its log"))
                }
            }
            let feed = AuditEventFeed.start(
                store: services.store, configuration: services.configuration.events, after: position, follow: follow)
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: feed.stream))
        }
    }
}

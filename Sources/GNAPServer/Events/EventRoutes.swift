import GNAP
import Hummingbird

/// `GET /admin/v1/events`: the audit log as a live text/event-stream, for admins.
enum EventRoutes {
    static func add(
        to router: Router<ASRequestContext>, authenticator: AdminAuthenticator,
        administration: any AdministrationStore, configuration: EventStreamConfiguration, wakeup: FeedWakeup,
        read: @escaping AdminRoutes.Reader
    ) {
        router.get("/admin/v1/events") { request, context in
            let signed = try await read(request, context)
            let watcher = try await authenticator.authenticate(signed)
            let parameters = try request.queryDictionary()
            let follow = try EventStreamResponse.follow(parameters)
            let position = try await EventStreamResponse.position(request, parameters) {
                try await administration.latestAuditEntryID()
            }
            return EventStreamResponse.make(
                AuditEventFeed.start(
                    store: administration, configuration: configuration, after: position, follow: follow,
                    reauthorize: { await authenticator.reauthorize(watcher) }, wakeup: wakeup))
        }
    }
}

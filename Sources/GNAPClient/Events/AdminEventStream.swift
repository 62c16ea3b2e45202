import AsyncHTTPClient
import GNAP

/// Follows `GET /admin/v1/events` of an AS: the audit log as server-sent events, signed like every admin call
/// (``SignedEventStream``). ``open(after:)`` returns once the AS has answered (so the stream's start position is
/// fixed), and the entries then arrive through the returned ``AdminEventSubscription``.
public struct AdminEventStream: Sendable {
    public let admin: AdminClient
    let stream: SignedEventStream

    /// The AS sends a keep-alive comment every 15 seconds by default: a stream silent for this long is dead.
    public var idleTimeout: Duration { stream.idleTimeout }

    /// - Parameters:
    ///   - httpClient: default ``AsyncHTTPTransport/failFastClient``.
    ///   - idleTimeout: default 45 seconds.
    ///   - maximumErrorSize: default 64 KiB.
    public init(
        admin: AdminClient, httpClient: HTTPClient = AsyncHTTPTransport.failFastClient,
        idleTimeout: Duration = .seconds(45), maximumErrorSize: Int = 1 << 16
    ) {
        self.admin = admin
        stream = SignedEventStream(
            client: admin.client, httpClient: httpClient, idleTimeout: idleTimeout, maximumErrorSize: maximumErrorSize)
    }

    /// Opens the stream after the audit entry `lastEventID` (sent as `Last-Event-ID`), or from the AS's newest
    /// entry when nil. Throws the AS's error (e.g. `admin_required`) or a transport error.
    public func open(after lastEventID: Int64?, follow: Bool = true) async throws(GNAPClientError)
        -> AdminEventSubscription
    {
        let url = admin.base + "/events" + (follow ? "" : "?follow=false")
        return try await stream.open(url: url, after: lastEventID) { event in
            guard let data = event.data.data(using: .utf8) else { return nil }
            return try? GNAPJSON.decode(AuditEntryView.self, from: Array(data))
        }
    }

    /// The audit entries after `lastEventID` up to the newest one, read from a stream that then ends
    /// (`follow=false`).
    public func replay(after lastEventID: Int64) async throws(GNAPClientError) -> [AuditEntryView] {
        try await open(after: lastEventID, follow: false).all()
    }
}

/// The admin stream's subscription: audit entries.
public typealias AdminEventSubscription = EventSubscription<AuditEntryView>

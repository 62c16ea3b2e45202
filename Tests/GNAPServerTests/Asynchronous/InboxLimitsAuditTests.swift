import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import Logging
import ServiceLifecycle
import Testing

/// RFC 9635 §13: the limits on asynchronous requests in force are in the audit log from the moment the AS listens.
@Suite("The inbox limits in the audit log at start-up")
struct InboxLimitsAuditTests {
    @Test func theASWritesTheLimitsItStartsWithOnceItListens() async throws {
        let store = try ASDatabase.inMemory()
        let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        var configuration = ServerConfiguration(port: 0)
        configuration.asynchronous = AsynchronousPolicy(
            allowsDynamicClients: true,
            limits: InboxLimits(maximumPending: 3, maximumPerWindow: 11, denialsBeforeBlock: 6))
        let assembly = try await ServerAssembly.assemble(
            store: store, configuration: configuration, clock: ManualClock(), logger: quiet)
        // Not before the listener is bound.
        #expect(try await store.auditEntries(AuditQuery(kind: .inboxLimits)).isEmpty)
        let (starts, started) = AsyncStream.makeStream(of: ServerAssembly.Start.self)
        let group = ServiceGroup(
            services: assembly.services { started.yield($0) }, gracefulShutdownSignals: [], logger: quiet)
        let running = Task { try await group.run() }
        var iterator = starts.makeAsyncIterator()
        _ = try #require(await iterator.next())
        let entries = try await store.auditEntries(AuditQuery(kind: .inboxLimits))
        await group.triggerGracefulShutdown()
        _ = try? await running.value
        #expect(entries.count == 1)
        #expect(entries.first?.event.grantID == nil)
        #expect(
            entries.first?.event.detail
                == "asynchronous requests: dynamic clients allowed; per client and user at most 3 pending and 11 per "
                + "60 minutes; blocked after 6 denials in a row")
    }
}

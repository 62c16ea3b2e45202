import Foundation
import GNAP
import GNAPClient
import GNAPServer
import HTTPMessageSignatures
import Testing

@Suite("Admin event stream")
struct AdminEventStreamLiveTests {
    static func start() async throws -> LiveServer {
        try await LiveServer.start { $0.events = EventStreamConfiguration(pollInterval: .milliseconds(20)) }
    }

    static func request(_ server: LiveServer, name: String) async throws {
        let client = server.grantClient()
        let request = GrantRequest(
            accessToken: .single(.photosAndDolphins),
            client: .value(ClientInstanceValue(key: try client.clientKey(), display: ClientDisplay(name: name))),
            interact: InteractRequest(start: ["user_code"]))
        _ = try await client.request(request, endpoint: server.base + "/gnap")
    }

    /// Entries arrive in order; a second subscription with the last id seen starts right after it.
    @Test func followsTheAuditLogAndResumesAfterTheLastEventID() async throws {
        let server = try await Self.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let admin = AdminClient(
            transport: server.transport, key: approver.client.key, server: server.base, clock: server.clock)
        let stream = AdminEventStream(admin: admin)
        let first = try await stream.open(after: nil)
        try await Self.request(server, name: "TV")
        let batch = try await first.nextBatch(window: .zero)
        let created = try #require(batch.first { $0.kind == "grant.created" })
        // The summary carries what the watch table shows.
        let summary = try await admin.grant(id: try #require(created.grantID)).grant
        #expect(summary.rights == ["photo-api: read, write", "dolphin-metadata", "calendar: read"])
        #expect(summary.startModes == ["user_code"] && summary.codeEntered == false && summary.clientName == "TV")
        first.close()
        try await Self.request(server, name: "Kiosk")
        let second = try await stream.open(after: created.id)
        let resumed = try await second.nextBatch(window: .zero)
        #expect(resumed.first?.id == created.id + 1 && resumed.first?.kind == "grant.created")
        #expect(resumed.allSatisfy { $0.id > created.id })
        second.close()
        await #expect(throws: GNAPClientError.self) { _ = try await second.nextBatch() }
    }

    @Test func aUserAccountIsRefused() async throws {
        let server = try await Self.start()
        defer { Task { await server.stop() } }
        let user = try await server.enrolledApprover(username: "bob")
        let admin = AdminClient(
            transport: server.transport, key: user.client.key, server: server.base, clock: server.clock)
        do {
            _ = try await AdminEventStream(admin: admin).open(after: nil)
            Issue.record("a user account opened the admin event stream")
        } catch {
            #expect(error.gnapError?.code == .adminRequired)
        }
    }

    /// A dead connection (the AS went away) ends the subscription with an error instead of hanging.
    @Test func theSubscriptionEndsWhenTheASStops() async throws {
        let server = try await Self.start()
        let approver = try await server.enrolledApprover()
        let admin = AdminClient(
            transport: server.transport, key: approver.client.key, server: server.base, clock: server.clock)
        let subscription = try await AdminEventStream(admin: admin, idleTimeout: .seconds(2)).open(after: nil)
        await server.stop()
        await #expect(throws: GNAPClientError.self) { _ = try await subscription.nextBatch() }
    }

    /// What a restarted admin view reads: `/counts` names the newest entry, and a replay up to it ends by itself.
    @Test func aReplayReadsTheLogUpToItsNewestEntryAndEnds() async throws {
        let server = try await Self.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let admin = AdminClient(
            transport: server.transport, key: approver.client.key, server: server.base, clock: server.clock)
        try await Self.request(server, name: "TV")
        try await Self.request(server, name: "Kiosk")
        let latest = try #require(try await admin.counts().latestEventID)
        let replayed = try await AdminEventStream(admin: admin).replay(after: 0)
        #expect(replayed.last?.id == latest)
        #expect(replayed.map(\.id) == replayed.map(\.id).sorted())
        #expect(replayed.filter { $0.kind == "grant.created" }.count == 2)
        let tail = try await AdminEventStream(admin: admin).replay(after: latest - 1)
        #expect(tail.map(\.id) == [latest])
    }
}

import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import HTTPTypes
import NIOCore
import Testing

@Suite("Live events")
struct EventStreamTests {
    /// The `id:` lines of an SSE body.
    static func ids(_ body: [UInt8]) -> [Int64] {
        String(decoding: body, as: UTF8.self).split(separator: "\n").compactMap { line in
            line.hasPrefix("id: ") ? Int64(line.dropFirst(4)) : nil
        }
    }

    @Test func aWatcherResumesFromLastEventIDAndMissesNothing() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let user = try await harness.enroll(client, username: "bob")
            let instance = TestClientInstance()
            _ = try await client.startGrant(try instance.request(), key: instance.key)
            let all = try await harness.store.auditEntries(AuditQuery(limit: 1000))
            let resumeAfter = all[all.count - 3].id
            let reply = try await client.send(
                .get, "/admin/v1/events?follow=false", key: admin.key, profile: .approverAPI
            ) { request, _ in
                request.headerFields[HTTPField.Name("Last-Event-ID")!] = "\(resumeAfter)"
            }
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "text/event-stream")
            #expect(reply.headers[.cacheControl] == "no-store")
            #expect(Self.ids(reply.body) == all.suffix(2).map(\.id))
            let text = String(decoding: reply.body, as: UTF8.self)
            #expect(text.hasPrefix("retry: 2000\n\n"))
            #expect(text.contains("event: grant.created\ndata: {"))
            // From the start of the log, by query parameter (the first connection of an EventSource).
            let everything = try await client.call(.get, "/admin/v1/events?follow=false&last_event_id=0", as: admin)
            #expect(Self.ids(everything.body) == all.map(\.id))
            // Without a position, a watcher starts at the end: nothing old.
            let tail = try await client.call(.get, "/admin/v1/events?follow=false", as: admin)
            #expect(Self.ids(tail.body).isEmpty)
            let bad = try await client.call(.get, "/admin/v1/events?follow=false&last_event_id=x", as: admin)
            #expect(bad.status == .badRequest)
            #expect(try await client.call(.get, "/admin/v1/events?follow=false", as: user).status == .forbidden)
        }
    }

    /// Both positions are checked whenever present: a malformed query parameter is not hidden by a header, nor the
    /// reverse (schemathesis found `last_event_id=-1` accepted beside a `Last-Event-ID` header).
    @Test func aMalformedPositionIs400EvenWhenTheOtherIsGiven() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let cases: [(query: String, header: String?, name: String?)] = [
                ("-1", "0", "last_event_id"), ("1e3", nil, "last_event_id"), ("0", "1a", "Last-Event-ID"),
                ("0", "+1", "Last-Event-ID"), ("0", "1234567890123456789", "Last-Event-ID"), ("0", "0", nil),
            ]
            for (query, header, name) in cases {
                let reply = try await client.send(
                    .get, "/admin/v1/events?follow=false&last_event_id=\(query)", key: admin.key,
                    profile: .approverAPI
                ) { request, _ in
                    if let header { request.headerFields[HTTPField.Name("Last-Event-ID")!] = header }
                }
                if let name {
                    #expect(reply.status == .badRequest, "\(query) / \(header ?? "-")")
                    #expect(reply.error?.errorDescription == "\(name) must be an event id: 1 to 18 digits")
                } else {
                    #expect(reply.status == .ok)
                }
            }
        }
    }

    @Test func aSlowWatcherIsDroppedInsteadOfBufferingWithoutBound() async throws {
        let store = try ASDatabase.inMemory()
        let clock = ManualClock()
        try await store.appendAudit(
            (0..<20).map { AuditEvent(grantID: nil, at: clock.now, kind: "test.event", detail: "event \($0)") })
        let configuration = EventStreamConfiguration(bufferLimit: 5, batchSize: 3)
        // The watcher reads nothing until the producer has given up.
        let slow = AuditEventFeed.start(store: store, configuration: configuration, after: 0, follow: true)
        #expect(await slow.producer.value == .overflowed)
        var delivered: [ByteBuffer] = []
        for await buffer in slow.stream { delivered.append(buffer) }
        // The buffer held the retry hint and four events; the rest waits in the table for the reconnection.
        #expect(delivered.count == 5)
        #expect(Self.ids(delivered.flatMap { Array($0.readableBytesView) }) == [1, 2, 3, 4])
        // A watcher that keeps up gets everything.
        let fast = AuditEventFeed.start(
            store: store, configuration: EventStreamConfiguration(bufferLimit: 64), after: 0, follow: false)
        #expect(await fast.producer.value == .caughtUp)
        var all: [UInt8] = []
        for await buffer in fast.stream { all += Array(buffer.readableBytesView) }
        #expect(Self.ids(all) == Array(1...20))
    }

    @Test func aFollowingWatcherGetsNewEventsAndKeepAlivesUntilTheProducerIsCancelled() async throws {
        let store = try ASDatabase.inMemory()
        let clock = ManualClock()
        try await store.appendAudit([AuditEvent(grantID: nil, at: clock.now, kind: "old", detail: "")])
        let configuration = EventStreamConfiguration(
            pollInterval: .milliseconds(10), keepAliveInterval: .milliseconds(50))
        let feed = AuditEventFeed.start(
            store: store, configuration: configuration, after: try await store.latestAuditEntryID(), follow: true)
        var iterator = feed.stream.makeAsyncIterator()
        #expect(String(buffer: try #require(await iterator.next())) == "retry: 2000\n\n")
        try await store.appendAudit([AuditEvent(grantID: nil, at: clock.now, kind: "new", detail: "")])
        // Keep-alives may come first on a slow machine; the next event is the new one.
        var frame = String(buffer: try #require(await iterator.next()))
        while frame == ": keep-alive\n\n" { frame = String(buffer: try #require(await iterator.next())) }
        #expect(frame.hasPrefix("id: 2\nevent: new\ndata: {"))
        // Then only keep-alives, since nothing else is written.
        #expect(String(buffer: try #require(await iterator.next())) == ": keep-alive\n\n")
        feed.producer.cancel()
        #expect(await feed.producer.value == .cancelled)
    }
}

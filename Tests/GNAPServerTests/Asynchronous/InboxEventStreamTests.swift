import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// The per-account inbox stream of the interaction API: signed, resumable with `Last-Event-ID`, closed to revoked
/// devices.
@Suite("Inbox event stream")
struct InboxEventStreamTests {
    /// The `event:` names and `id:`s of an SSE body, in order.
    static func events(_ body: [UInt8]) -> [(name: String, id: Int64)] {
        var result: [(String, Int64)] = []
        var id: Int64?
        for line in String(decoding: body, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("id: ") { id = Int64(line.dropFirst(4)) }
            if line.hasPrefix("event: "), let current = id { result.append((String(line.dropFirst(7)), current)) }
        }
        return result
    }

    @Test func theStreamIsSignedResumableAndSaysWhenARequestLeaves() async throws {
        let fixture = try await AsyncHarness()
        let harness = fixture.harness
        try await harness.run { client in
            let alice = try await harness.enroll(client, username: "alice")
            let bob = try await harness.enroll(client, username: "bob")
            let start = try await harness.store.latestAuditEntryID()
            let first = try await client.startGrant(
                AsyncHarness.request("release-bot", for: AsyncHarness.alice), key: fixture.bot.key)
            let second = try await client.startGrant(
                AsyncHarness.request("release-bot", for: AsyncHarness.alice, access: [.reference("other")]),
                key: fixture.bot.key)
            // Unsigned: refused.
            let unsigned = try await client.send(.get, "/interact/v1/inbox/events?follow=false")
            #expect(unsigned.status == .unauthorized)
            let all = try await client.call(
                .get, "/interact/v1/inbox/events?follow=false&last_event_id=\(start)", as: alice)
            #expect(all.status == .ok && all.headers[.contentType] == "text/event-stream")
            let frames = Self.events(all.body)
            #expect(frames.map(\.name) == ["inbox.request", "inbox.request"])
            let text = String(decoding: all.body, as: UTF8.self)
            #expect(text.contains(AsynchronousRequestTests.grantID(first)))
            // Another account sees nothing of alice's inbox.
            let bobs = try await client.call(
                .get, "/interact/v1/inbox/events?follow=false&last_event_id=\(start)", as: bob)
            #expect(Self.events(bobs.body).isEmpty)
            // Resuming after the first frame gets the second only.
            let resumed = try await client.send(
                .get, "/interact/v1/inbox/events?follow=false", key: alice.key, profile: .approverAPI
            ) { request, _ in
                request.headerFields[HTTPField.Name("Last-Event-ID")!] = "\(frames[0].id)"
            }
            let resumedText = String(decoding: resumed.body, as: UTF8.self)
            #expect(Self.events(resumed.body).count == 1)
            #expect(resumedText.contains(AsynchronousRequestTests.grantID(second)))
            #expect(!resumedText.contains(AsynchronousRequestTests.grantID(first)))
            // A decision is sent as a removal, naming the terminal that took it.
            let position = try await harness.store.latestAuditEntryID()
            #expect(try await client.deny(AsynchronousRequestTests.grantID(first), as: alice).status == .ok)
            let after = try await client.call(
                .get, "/interact/v1/inbox/events?follow=false&last_event_id=\(position)", as: alice)
            #expect(Self.events(after.body).map(\.name).contains("inbox.removed"))
            let removal = try #require(
                String(decoding: after.body, as: UTF8.self).split(separator: "\n")
                    .first { $0.hasPrefix("data: ") && $0.contains("outcome") })
            let decoded = try GNAPJSON.decode(InboxRemoval.self, from: Array(removal.dropFirst(6).utf8))
            #expect(decoded.outcome == "denied" && decoded.deviceID == alice.key.keyID)
            #expect(decoded.deviceName == "laptop")
        }
    }

    @Test func aRevokedDeviceIsRefusedAndItsOpenStreamEnds() async throws {
        let fixture = try await AsyncHarness {
            $0.events = EventStreamConfiguration(
                pollInterval: .milliseconds(20), reauthorizationInterval: .milliseconds(50))
        }
        let harness = fixture.harness
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let alice = try await harness.enroll(client, username: "alice")
            let open = Task { try await client.call(.get, "/interact/v1/inbox/events", as: alice) }
            try await Task.sleep(for: .milliseconds(100))
            let deviceID = try #require(alice.key.keyID)
            #expect(try await client.call(.delete, "/admin/v1/devices/\(deviceID)", as: admin).status == .ok)
            let ended = try await open.value
            #expect(String(decoding: ended.body, as: UTF8.self).contains(": access ended: this device was revoked"))
            let again = try await client.call(.get, "/interact/v1/inbox/events?follow=false", as: alice)
            #expect(again.status == .unauthorized)
            #expect(try await client.call(.get, "/interact/v1/inbox", as: alice).status == .unauthorized)
        }
    }
}

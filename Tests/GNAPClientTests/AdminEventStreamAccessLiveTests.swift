import Foundation
import GNAP
import GNAPClient
import GNAPServer
import HTTPMessageSignatures
import Testing

/// A watcher's access is checked again while its event stream is open: the stream of a device that is revoked, of
/// an account that is disabled or loses the admin role, and of a key rotated away ends promptly, and nothing written
/// after the change reaches it.
@Suite("Admin event stream ends with the watcher's access")
struct AdminEventStreamAccessLiveTests {
    static let interval = Duration.milliseconds(200)

    struct Watch {
        let server: LiveServer
        let approver: InteractionClient
        let subscription: AdminEventSubscription
    }

    /// `shortTimeouts`: connection timeouts of a second, which an open stream (a response in progress) must outlive.
    static func watch(shortTimeouts: Bool = false) async throws -> Watch {
        let server = try await LiveServer.start {
            $0.events = EventStreamConfiguration(pollInterval: .milliseconds(20), reauthorizationInterval: interval)
            if shortTimeouts {
                $0.limits.idleTimeout = .seconds(1)
                $0.limits.headerReadTimeout = .seconds(1)
            }
        }
        let approver = try await server.enrolledApprover()
        let admin = AdminClient(
            transport: server.transport, key: approver.client.key, server: server.base, clock: server.clock)
        let subscription = try await AdminEventStream(admin: admin, idleTimeout: .seconds(30)).open(after: nil)
        return Watch(server: server, approver: approver, subscription: subscription)
    }

    /// Writes grant requests (audit entries) after the change, then reads the stream until it ends: no entry of those
    /// requests may arrive, and the end must come within a few reauthorization intervals.
    static func expectStreamEnds(_ watch: Watch, sinceChange changed: ContinuousClock.Instant) async throws {
        for name in ["after-1", "after-2", "after-3"] {
            let client = watch.server.grantClient()
            _ = try await client.request(
                GrantRequest(
                    accessToken: .single(.photosAndDolphins),
                    client: .value(
                        ClientInstanceValue(key: try client.clientKey(), display: ClientDisplay(name: name))),
                    interact: InteractRequest(start: ["user_code"])),
                endpoint: watch.server.base + "/gnap")
        }
        let leaked = try await readUntilEnd(watch.subscription)
        #expect(leaked.isEmpty, "\(leaked.count) event(s) written after the change reached the watcher")
        #expect(ContinuousClock.now - changed < .seconds(4), "the stream stayed open after the change")
    }

    /// Reads until the stream ends (or the test gives up after 6 s by closing it); returns the `grant.created`
    /// entries that arrived.
    static func readUntilEnd(_ subscription: AdminEventSubscription) async throws -> [AuditEntryView] {
        let giveUp = Task {
            try await Task.sleep(for: .seconds(6))
            subscription.close()
        }
        defer { giveUp.cancel() }
        var created: [AuditEntryView] = []
        do {
            while true {
                created += try await subscription.nextBatch(window: .zero).filter { $0.kind == .grantCreated }
            }
        } catch {
            // The stream ended.
        }
        return created
    }

    static func device(_ watch: Watch) async throws -> ApproverDevice {
        let id = try #require(watch.approver.client.key.keyID)
        return try #require(try await watch.server.store.device(id: id))
    }

    @Test func aRevokedDeviceStopsWatching() async throws {
        let watch = try await Self.watch()
        defer { Task { await watch.server.stop() } }
        let device = try await Self.device(watch)
        try await watch.server.store.revokeDevice(id: device.id, at: watch.server.clock.now, audit: [])
        try await Self.expectStreamEnds(watch, sinceChange: .now)
    }

    @Test func aDisabledAccountStopsWatching() async throws {
        let watch = try await Self.watch()
        defer { Task { await watch.server.stop() } }
        let device = try await Self.device(watch)
        try await watch.server.store.updateAccount(id: device.accountID, at: watch.server.clock.now) {
            $0.disabled = true
        }
        try await Self.expectStreamEnds(watch, sinceChange: .now)
    }

    @Test func anAccountThatLosesTheAdminRoleStopsWatching() async throws {
        let watch = try await Self.watch()
        defer { Task { await watch.server.stop() } }
        let device = try await Self.device(watch)
        try await watch.server.store.updateAccount(id: device.accountID, at: watch.server.clock.now) {
            $0.role = .user
        }
        try await Self.expectStreamEnds(watch, sinceChange: .now)
    }

    /// `gnapterm keys rotate` in another terminal: the old key's device is revoked in the same step.
    @Test func aKeyRotatedAwayStopsWatching() async throws {
        let watch = try await Self.watch()
        defer { Task { await watch.server.stop() } }
        _ = try await watch.approver.rotateDeviceKey(to: .generateEd25519())
        try await Self.expectStreamEnds(watch, sinceChange: .now)
    }

    /// With no events flowing at all, the check still runs: the stream ends within the interval.
    @Test func aRevokedDeviceStopsWatchingEvenWhenNothingHappens() async throws {
        let watch = try await Self.watch()
        defer { Task { await watch.server.stop() } }
        let device = try await Self.device(watch)
        try await watch.server.store.revokeDevice(id: device.id, at: watch.server.clock.now, audit: [])
        let changed = ContinuousClock.now
        _ = try await Self.readUntilEnd(watch.subscription)
        #expect(ContinuousClock.now - changed < .seconds(3), "the stream stayed open after the change")
    }

    /// An admin whose access is intact keeps its stream: neither the check nor the connection timeouts (shorter
    /// than the wait here) end a healthy stream.
    @Test func anAdminInGoodStandingKeepsWatching() async throws {
        let watch = try await Self.watch(shortTimeouts: true)
        defer { Task { await watch.server.stop() } }
        // Longer than the connection timeouts, so that only the stream keeps its connection open.
        try await Task.sleep(for: .milliseconds(2500))
        let client = watch.server.grantClient()
        _ = try await client.request(
            GrantRequest(
                accessToken: .single(.photosAndDolphins),
                client: .value(ClientInstanceValue(key: try client.clientKey(), display: ClientDisplay(name: "TV"))),
                interact: InteractRequest(start: ["user_code"])),
            endpoint: watch.server.base + "/gnap")
        var kinds: [AuditEventKind] = []
        while !kinds.contains(.grantCreated) {
            kinds += try await watch.subscription.nextBatch(window: .zero).map(\.kind)
        }
    }
}

import GNAP
import Testing

@testable import GNAPServer

/// A device's `last_seen_at` is rewritten at most once a minute, not on every approver call (each rewrite is a
/// committed write), and always when it was never set or lies in the future (a clock set back).
@Suite("Approver API: last seen")
struct ApproverLastSeenTests {
    @Test func lastSeenIsRewrittenOncePerMinute() {
        let seen = WallInstant(unixSeconds: 1_000_000)
        #expect(ApproverAuthenticator.isStale(lastSeen: nil, now: seen))
        #expect(!ApproverAuthenticator.isStale(lastSeen: seen, now: seen))
        #expect(!ApproverAuthenticator.isStale(lastSeen: seen, now: seen.advanced(by: .seconds(59))))
        #expect(ApproverAuthenticator.isStale(lastSeen: seen, now: seen.advanced(by: .seconds(60))))
        #expect(ApproverAuthenticator.isStale(lastSeen: seen, now: seen.advanced(by: .seconds(-1))))
    }
}

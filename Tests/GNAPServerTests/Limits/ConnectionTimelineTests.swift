import NIOCore
import Testing

@testable import GNAPServer

/// The phases of one connection and their deadlines, without a socket.
@Suite("Connection timeline")
struct ConnectionTimelineTests {
    static let limits = RequestLimits(
        idleTimeout: .seconds(60), headerReadTimeout: .seconds(10), bodyReadTimeout: .seconds(30))
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000)

    static func at(_ seconds: Int64) -> NIODeadline { start + .seconds(seconds) }

    @Test func aRequestGoesThroughEveryPhaseAndBackToIdle() {
        var timeline = ConnectionTimeline(openedAt: Self.start)
        #expect(timeline.deadline(Self.limits)?.at == Self.at(60))
        #expect(timeline.evictionRank == EvictionRank(tier: 0, since: Self.start))
        timeline.bytesArrived(at: Self.at(5))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(15) && timeline.deadline(Self.limits)?.expiry == .head)
        // More bytes of the same head do not move its deadline: trickling does not help.
        timeline.bytesArrived(at: Self.at(9))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(15))
        #expect(timeline.evictionRank == EvictionRank(tier: 0, since: Self.at(5)))
        timeline.headArrived(at: Self.at(10))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(40))
        // Content still arriving: closed to make room only after every idle connection.
        #expect(timeline.evictionRank == EvictionRank(tier: 1, since: Self.at(10)))
        timeline.requestEnded(at: Self.at(11))
        #expect(timeline.deadline(Self.limits) == nil && timeline.evictionRank == nil)
        timeline.responseEnded(at: Self.at(500))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(560))
        #expect(timeline.evictionRank == EvictionRank(tier: 0, since: Self.at(500)))
    }

    /// A response written before the content was read (a refusal): once the content ends, the connection is idle,
    /// not waiting for a response forever.
    @Test func aResponseBeforeTheEndOfTheContentLeavesTheConnectionIdleAfterIt() {
        var timeline = ConnectionTimeline(openedAt: Self.start)
        timeline.bytesArrived(at: Self.at(1))
        timeline.headArrived(at: Self.at(1))
        timeline.responseEnded(at: Self.at(2))
        #expect(timeline.deadline(Self.limits)?.expiry == .body)
        timeline.requestEnded(at: Self.at(3))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(63) && timeline.deadline(Self.limits)?.expiry == .idle)
    }

    /// The default connection count fits the common limit of 1,024 open files with room for the rest of the AS.
    @Test func theDefaultConnectionLimitFitsACommonOpenFileLimit() {
        #expect(RequestLimits().fitsOpenFileLimit(1024))
        #expect(!RequestLimits(maximumConnections: 1000).fitsOpenFileLimit(1024))
    }
}

import NIOCore

/// Where one connection is between requests, and until when it may stay there (``RequestLimits``): idle (no request
/// in progress) until the idle timeout, reading a request head until the header-read timeout counted from its first
/// byte, reading the content until the body-read timeout counted from the head; while the AS works on a request and
/// writes its response (an event stream can last hours) no timer runs. A value type fed by the connection's
/// handlers; it does no I/O.
struct ConnectionTimeline: Sendable, Hashable {
    enum Phase: Sendable, Hashable {
        case idle(since: NIODeadline)
        case readingHead(since: NIODeadline)
        case readingBody(since: NIODeadline)
        case responding
    }

    /// Why a connection's time ran out.
    enum Expiry: Sendable, Hashable {
        case idle
        case head
        case body
    }

    private(set) var phase: Phase
    /// Requests whose head arrived and whose response has not ended yet.
    private(set) var responsesPending = 0

    init(openedAt now: NIODeadline) { phase = .idle(since: now) }

    /// Bytes arrived: the first byte of a request starts its head's clock.
    mutating func bytesArrived(at now: NIODeadline) {
        if case .idle = phase { phase = .readingHead(since: now) }
    }

    /// A request head was decoded.
    mutating func headArrived(at now: NIODeadline) {
        responsesPending += 1
        phase = .readingBody(since: now)
    }

    /// The request's content ended: the AS now works on it, or, if it answered before reading it all (a refusal),
    /// the connection is idle again.
    mutating func requestEnded(at now: NIODeadline) {
        guard case .readingBody = phase else { return }
        phase = responsesPending > 0 ? .responding : .idle(since: now)
    }

    /// A response was written completely.
    mutating func responseEnded(at now: NIODeadline) {
        responsesPending = max(0, responsesPending - 1)
        if responsesPending == 0, case .responding = phase { phase = .idle(since: now) }
    }

    /// When the current phase runs out, and why; nil while a response is being produced.
    func deadline(_ limits: RequestLimits) -> (at: NIODeadline, expiry: Expiry)? {
        switch phase {
        case .idle(let since): (since + TimeAmount(limits.idleTimeout), .idle)
        case .readingHead(let since): (since + TimeAmount(limits.headerReadTimeout), .head)
        case .readingBody(let since): (since + TimeAmount(limits.bodyReadTimeout), .body)
        case .responding: nil
        }
    }

    /// How readily the connection may be closed to make room for a new one: first those with nothing of a request
    /// in the AS's hands (idle, or a head still arriving: tier 0), then those whose content is still arriving (no
    /// handler acts on a request before its content is complete: tier 1), each oldest first; never one whose
    /// response is being produced (nil).
    var evictionRank: EvictionRank? {
        switch phase {
        case .idle(let since), .readingHead(let since):
            responsesPending == 0 ? EvictionRank(tier: 0, since: since) : nil
        case .readingBody(let since):
            responsesPending <= 1 ? EvictionRank(tier: 1, since: since) : nil
        case .responding:
            nil
        }
    }
}

/// The order in which connections are closed to make room: lower tiers first, then the oldest.
struct EvictionRank: Sendable, Hashable, Comparable {
    var tier: Int
    var since: NIODeadline

    static func < (lhs: EvictionRank, rhs: EvictionRank) -> Bool {
        (lhs.tier, lhs.since) < (rhs.tier, rhs.since)
    }
}

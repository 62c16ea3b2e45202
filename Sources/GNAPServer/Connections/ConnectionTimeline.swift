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

    /// Whether the connection may be closed to make room for a new one: nothing of a request is in the AS's hands
    /// (idle, or a head still arriving).
    var isEvictable: Bool {
        guard responsesPending == 0 else { return false }
        switch phase {
        case .idle, .readingHead: return true
        case .readingBody, .responding: return false
        }
    }

    /// Since when the connection has been in its current phase (the oldest evictable one goes first).
    var since: NIODeadline? {
        switch phase {
        case .idle(let since), .readingHead(let since), .readingBody(let since): since
        case .responding: nil
        }
    }
}

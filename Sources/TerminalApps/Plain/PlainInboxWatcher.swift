import Foundation
import GNAP
import GNAPClient
import TerminalSession
import TerminalUI

/// `gnapterm approve --plain --watch`: the inbox as lines, for screen readers and scripts. It prints one line per
/// request waiting (and per request arriving, with a bell unless told not to), one line per request leaving, and
/// reads commands meanwhile:
///
///     list                    the requests waiting, by number
///     show N                  request N in full (its rights numbered)
///     approve N [1,3]         approve request N: everything, or only those rights
///     deny N REASON           deny request N with a reason
///     unblock CLIENT          lift the block of a client you kept denying
///     quit                    stop (end of input too)
///
/// Everything printed is sanitized: a client cannot smuggle terminal controls in its name.
public struct PlainInboxWatcher<Backend: ApproverBackend>: Sendable {
    public var backend: Backend
    public var timeZone: TimeZone
    public var now: @Sendable () -> WallInstant
    /// Lines of input (commands).
    public var lines: AsyncStream<String>
    public var write: @Sendable (String) -> Void
    /// Ring the bell (a BEL character) with each arriving request.
    public var rings: Bool

    public init(
        backend: Backend, timeZone: TimeZone = .current,
        now: @escaping @Sendable () -> WallInstant = { WallClock().now },
        lines: AsyncStream<String>, write: @escaping @Sendable (String) -> Void, rings: Bool = true
    ) {
        self.backend = backend
        self.timeZone = timeZone
        self.now = now
        self.lines = lines
        self.write = write
        self.rings = rings
    }

    static var help: String {
        "Commands: list · show N · approve N [1,3] · deny N REASON · unblock CLIENT · quit"
    }

    /// Input and stream, merged in arrival order.
    enum Arrival: Sendable {
        case line(String?)
        case events(Result<[InboxStreamEvent], ApproverFailure>)
    }

    /// Runs until `quit` or the end of input; 0 then, 1 when the inbox cannot be opened.
    public func run() async -> Int32 {
        say("gnapterm approve --watch — \(backend.identityDescription)")
        var session = PlainInboxSession()
        let snapshot: InboxSnapshot
        do {
            snapshot = try await backend.inbox()
        } catch {
            say("Cannot open the inbox: \(error.displayMessage)")
            return 1
        }
        session.load(snapshot)
        say(session.items.isEmpty ? "No requests are waiting for you." : "\(session.items.count) request(s) waiting:")
        for item in session.items { say(session.line(item, now: now())) }
        if snapshot.truncated {
            say(
                "More requests are waiting than listed here (the oldest \(session.items.count) are); decide some and start again to see the rest."
            )
        }
        say(Self.help)
        let (arrivals, sink) = AsyncStream<Arrival>.makeStream()
        return await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await line in lines { sink.yield(.line(line)) }
                sink.yield(.line(nil))
            }
            group.addTask { await follow(after: snapshot.latestEventID, into: sink) }
            defer { group.cancelAll() }
            for await arrival in arrivals {
                switch arrival {
                case .line(nil):
                    return 0
                case .line(let text?):
                    if await !handle(text, &session) { return 0 }
                case .events(.success(let events)):
                    report(events, &session)
                case .events(.failure(let failure)):
                    say("The inbox stream stopped: \(failure.displayMessage)")
                }
            }
            return 0
        }
    }

    /// Follows the stream, reconnecting after the last event with a growing delay (1 s to 30 s).
    private func follow(after position: Int64, into sink: AsyncStream<Arrival>.Continuation) async {
        var last = position
        var attempt = 0
        while !Task.isCancelled {
            do throws(ApproverFailure) {
                let feed = try await backend.inboxEvents(after: last)
                attempt = 0
                defer { feed.close() }
                while !Task.isCancelled {
                    let events = try await feed.next()
                    last = events.last?.id ?? last
                    sink.yield(.events(.success(events)))
                }
            } catch {
                if Task.isCancelled { return }
                sink.yield(.events(.failure(error)))
                if let code = error.code, ApproverApp.inboxRefusals.contains(code) { return }
            }
            attempt += 1
            try? await Task.sleep(for: .seconds(min(30, 1 << min(attempt - 1, 5))))
        }
    }

    private func report(_ events: [InboxStreamEvent], _ session: inout PlainInboxSession) {
        for event in events {
            guard session.accept(event.id) else { continue }
            switch event.event {
            case .request(let item):
                if session.add(item) {
                    // The BEL goes out as it is: the line itself is sanitized, which would turn it into U+FFFD.
                    if rings { write("\u{07}") }
                    say("NEW " + session.line(item, now: now()))
                }
            case .removed(let removal):
                if let number = session.remove(removal.grantID) {
                    say("[\(number)] gone: " + ApproverApp.removalText(removal))
                }
            case .blocks(let blocks):
                session.blocks = blocks
                for block in blocks {
                    say(
                        "Blocked: client \(block.instanceID) — you denied its last \(block.denials) requests "
                            + "(unblock \(block.instanceID) to lift)")
                }
            }
        }
    }

    func say(_ text: String) { write(TextSanitizer.sanitize(text) + "\n") }
}

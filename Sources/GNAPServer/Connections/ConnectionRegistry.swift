import NIOCore
import Synchronization

/// Every open connection of one listener, to keep their number at ``RequestLimits/maximumConnections``: when a new
/// connection would exceed it, the connection that has been idle (or reading its head) the longest is closed to make
/// room, so that idle or trickling connections cannot lock everyone else out; when every connection is busy with a
/// request, the new one is closed instead.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let channel: any Channel
        /// Since when the connection could be closed without losing a request; nil while it is busy.
        var evictableSince: NIODeadline?
    }

    let maximum: Int
    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    init(maximum: Int) { self.maximum = max(1, maximum) }

    var count: Int { entries.withLock { $0.count } }

    /// Registers a new connection. Returns the connection to close to stay within the maximum (another one, or
    /// `channel` itself), or nil.
    func admit(_ channel: any Channel, now: NIODeadline) -> (any Channel)? {
        let id = ObjectIdentifier(channel)
        return entries.withLock { entries in
            entries[id] = Entry(channel: channel, evictableSince: now)
            guard entries.count > maximum else { return nil }
            var victim: (id: ObjectIdentifier, since: NIODeadline)?
            for (key, entry) in entries where key != id {
                guard let since = entry.evictableSince else { continue }
                if victim == nil || since < victim!.since { victim = (key, since) }
            }
            let chosen = victim?.id ?? id
            return entries.removeValue(forKey: chosen)?.channel
        }
    }

    /// Notes whether (and since when) the connection could be closed to make room.
    func update(_ channel: any Channel, evictableSince: NIODeadline?) {
        let id = ObjectIdentifier(channel)
        entries.withLock { entries in entries[id]?.evictableSince = evictableSince }
    }

    func remove(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}

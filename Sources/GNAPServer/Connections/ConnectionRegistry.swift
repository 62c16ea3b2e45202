import NIOCore
import Synchronization

/// Every open connection of one listener, to keep their number at ``RequestLimits/maximumConnections``: when a new
/// connection would exceed it, the connection first in ``EvictionRank`` order (idle or reading its head the longest,
/// else reading its content the longest) is closed to make room, so that idle or trickling connections cannot lock
/// everyone else out; when every connection is producing a response, the new one is closed instead.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let channel: any Channel
        /// How readily the connection may be closed; nil while its response is being produced.
        var rank: EvictionRank?
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
            entries[id] = Entry(channel: channel, rank: EvictionRank(tier: 0, since: now))
            guard entries.count > maximum else { return nil }
            var victim: (id: ObjectIdentifier, rank: EvictionRank)?
            for (key, entry) in entries where key != id {
                guard let rank = entry.rank else { continue }
                if victim.map({ rank < $0.rank }) ?? true { victim = (key, rank) }
            }
            let chosen = victim?.id ?? id
            return entries.removeValue(forKey: chosen)?.channel
        }
    }

    /// Notes how readily the connection could be closed to make room (nil: not at all).
    func update(_ channel: any Channel, rank: EvictionRank?) {
        let id = ObjectIdentifier(channel)
        entries.withLock { entries in entries[id]?.rank = rank }
    }

    func remove(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}

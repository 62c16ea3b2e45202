import GNAP
import Synchronization

/// Values decoded from JSON columns, remembered by the exact text they are stored as, so that a row this process just
/// wrote or read is not decoded again: a continuation poll reads its grant to authenticate, then again in the write
/// transaction that updates it, and every request of a known client reads the same key; decoding a grant record with
/// Foundation's coder costs about half an Ed25519 verification (docs/performance.md).
///
/// The key is the whole stored text, so an entry can never be stale: a row changed by another instance or process has
/// another text and misses. It holds at most `capacity` values and forgets the oldest first.
final class JSONColumnMemo<Value: Codable & Sendable>: Sendable {
    private struct State {
        var values: [String: Value] = [:]
        var order: [String] = []
        var next = 0
    }

    private let capacity: Int
    /// What a value is, for the error of a text that does not decode.
    private let what: String
    private let state = Mutex(State())

    init(capacity: Int, what: String) {
        self.capacity = capacity
        self.what = what
    }

    /// The value stored as `text`, decoded once.
    func decode(_ text: String) throws -> Value {
        if let value = state.withLock({ $0.values[text] }) { return value }
        let value = try JSONColumn.decode(Value.self, text, what: what)
        remember(value, as: text)
        return value
    }

    /// The text `value` is stored as, remembered for the next read.
    func encode(_ value: Value) throws -> String {
        let text = try JSONColumn.encode(value)
        remember(value, as: text)
        return text
    }

    /// How many values are remembered (for tests).
    var count: Int { state.withLock { $0.values.count } }

    /// Whether the value stored as `text` is remembered (for tests).
    func remembers(_ text: String) -> Bool { state.withLock { $0.values[text] != nil } }

    private func remember(_ value: Value, as text: String) {
        state.withLock { state in
            guard state.values[text] == nil else { return }
            if state.order.count < capacity {
                state.order.append(text)
            } else {
                state.values[state.order[state.next]] = nil
                state.order[state.next] = text
                state.next = (state.next + 1) % capacity
            }
            state.values[text] = value
        }
    }
}

/// The memos of the rows every request reads.
enum JSONColumnMemos {
    /// Grant records (`grants.record`): each pending grant is read at every poll.
    static let grants = JSONColumnMemo<GrantRecord>(capacity: 4_096, what: "grant")
    /// Client keys (`client_instances.key`): read on every request of the client.
    static let clientKeys = JSONColumnMemo<ClientKeyBinding>(capacity: 4_096, what: "client key")
}

/// A bounded map that forgets its least recently used entry when full. Lookup, insertion and removal are O(1): a
/// dictionary from key to slot, and the slots linked in use order inside one array (no allocation per entry once
/// the array has grown to the capacity).
struct LRUCache<Key: Hashable, Value> {
    private struct Slot {
        var key: Key
        var value: Value?
        var newer: Int
        var older: Int
    }

    let capacity: Int
    private var slots: [Slot] = []
    private var slotByKey: [Key: Int] = [:]
    private var freeSlots: [Int] = []
    /// The most and the least recently used slots, -1 when empty.
    private var newest = -1
    private var oldest = -1

    init(capacity: Int) {
        precondition(capacity > 0, "an LRU cache needs room for one entry")
        self.capacity = capacity
        slotByKey.reserveCapacity(capacity)
    }

    var count: Int { slotByKey.count }

    /// The value for `key`, which becomes the most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let slot = slotByKey[key] else { return nil }
        moveToNewest(slot)
        return slots[slot].value
    }

    /// Stores `value` as the most recently used; when full, the least recently used entry is dropped first.
    mutating func set(_ value: Value, for key: Key) {
        if let slot = slotByKey[key] {
            slots[slot].value = value
            moveToNewest(slot)
            return
        }
        if slotByKey.count >= capacity { removeValue(for: slots[oldest].key) }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = Slot(key: key, value: value, newer: -1, older: newest)
        } else {
            slot = slots.count
            slots.append(Slot(key: key, value: value, newer: -1, older: newest))
        }
        if newest >= 0 { slots[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
        slotByKey[key] = slot
    }

    /// Removes the entry for `key`, if any.
    mutating func removeValue(for key: Key) {
        guard let slot = slotByKey.removeValue(forKey: key) else { return }
        unlink(slot)
        slots[slot].value = nil
        freeSlots.append(slot)
    }

    /// The keys from the most to the least recently used (for tests).
    var keysByRecency: [Key] {
        var keys: [Key] = []
        var slot = newest
        while slot >= 0 {
            keys.append(slots[slot].key)
            slot = slots[slot].older
        }
        return keys
    }

    private mutating func moveToNewest(_ slot: Int) {
        guard slot != newest else { return }
        unlink(slot)
        slots[slot].older = newest
        slots[slot].newer = -1
        if newest >= 0 { slots[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (slots[slot].newer, slots[slot].older)
        if newer >= 0 { slots[newer].older = older } else { newest = older }
        if older >= 0 { slots[older].newer = newer } else { oldest = newer }
    }
}

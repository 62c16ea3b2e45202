/// The `Encoder` of one slot (the top-level value, an object member's value, an array element): it writes one value,
/// or opens one container, and only while its slot is the one being filled.
final class SlotEncoder: Encoder {
    let writer: JSONStreamWriter
    private let slot: Int
    private let height: Int
    private(set) var wrote = false
    private var container: JSONContainerRef?

    init(writer: JSONStreamWriter) {
        self.writer = writer
        slot = writer.slot
        height = writer.height
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Takes the slot for one value; refused once it is filled or passed.
    func claim() throws {
        if let failure = writer.failure { throw failure }
        guard !wrote, writer.slot == slot, writer.height == height else {
            throw writer.fail("a value was written to a slot that was filled or passed")
        }
        wrote = true
    }

    /// The container this slot holds: opened on first request; the same one when asked again for the same kind.
    private func open(object: Bool) -> JSONContainerRef {
        if let container {
            guard container.isObject == object else {
                _ = writer.fail("two kinds of container from one encoder")
                return .dead
            }
            return container
        }
        do { try claim() } catch { return .dead }
        let opened = writer.push(object: object)
        container = opened
        return opened
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(StreamKeyedContainer<Key>(writer: writer, ref: open(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        StreamUnkeyedContainer(writer: writer, ref: open(object: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { StreamSingleValueContainer(encoder: self) }
}

struct StreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let ref: JSONContainerRef

    var codingPath: [any CodingKey] { [] }

    private func begin(_ key: Key) throws { try writer.beginMember(of: ref, key: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws {
        try begin(key)
        writer.writeNull()
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try begin(key)
        writer.writeBool(value)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try begin(key)
        writer.writeString(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try begin(key)
        try writer.writeNumber(value)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try begin(key)
        try writer.writeNumber(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }

    private func integer<I: BinaryInteger>(_ value: I, _ key: Key) throws {
        try begin(key)
        writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key)
        // A member's slot is below the top level, so a value that encodes nothing is written as `{}`, never dropped.
        _ = try writer.writeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = (try? begin(key)).map { writer.push(object: true) } ?? .dead
        return KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(writer: writer, ref: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = (try? begin(key)).map { writer.push(object: false) } ?? .dead
        return StreamUnkeyedContainer(writer: writer, ref: nested)
    }

    mutating func superEncoder() -> any Encoder {
        _ = writer.fail("superEncoder")
        return SlotEncoder(writer: writer)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _ = writer.fail("superEncoder")
        return SlotEncoder(writer: writer)
    }
}

struct StreamUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let ref: JSONContainerRef
    private(set) var count = 0

    init(writer: JSONStreamWriter, ref: JSONContainerRef) {
        self.writer = writer
        self.ref = ref
    }

    var codingPath: [any CodingKey] { [] }

    private mutating func begin() throws {
        try writer.beginMember(of: ref, key: nil)
        count += 1
    }

    mutating func encodeNil() throws {
        try begin()
        writer.writeNull()
    }
    mutating func encode(_ value: Bool) throws {
        try begin()
        writer.writeBool(value)
    }
    mutating func encode(_ value: String) throws {
        try begin()
        writer.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        try begin()
        try writer.writeNumber(value)
    }
    mutating func encode(_ value: Float) throws {
        try begin()
        try writer.writeNumber(value)
    }
    mutating func encode(_ value: Int) throws { try integer(value) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }

    private mutating func integer<I: BinaryInteger>(_ value: I) throws {
        try begin()
        writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try begin()
        // An element's slot is below the top level, so a value that encodes nothing is written as `{}`.
        _ = try writer.writeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = (try? begin()).map { writer.push(object: true) } ?? .dead
        return KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(writer: writer, ref: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = (try? begin()).map { writer.push(object: false) } ?? .dead
        return StreamUnkeyedContainer(writer: writer, ref: nested)
    }

    mutating func superEncoder() -> any Encoder {
        _ = writer.fail("superEncoder")
        return SlotEncoder(writer: writer)
    }
}

struct StreamSingleValueContainer: SingleValueEncodingContainer {
    let encoder: SlotEncoder

    var codingPath: [any CodingKey] { [] }
    private var writer: JSONStreamWriter { encoder.writer }

    mutating func encodeNil() throws {
        try encoder.claim()
        writer.writeNull()
    }
    mutating func encode(_ value: Bool) throws {
        try encoder.claim()
        writer.writeBool(value)
    }
    mutating func encode(_ value: String) throws {
        try encoder.claim()
        writer.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        try encoder.claim()
        try writer.writeNumber(value)
    }
    mutating func encode(_ value: Float) throws {
        try encoder.claim()
        try writer.writeNumber(value)
    }
    mutating func encode(_ value: Int) throws { try integer(value) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }

    private func integer<I: BinaryInteger>(_ value: I) throws {
        try encoder.claim()
        writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.claim()
        // The value fills this same slot (its own encoder sees the slot as still open).
        let wrote = try writer.writeValue(value)
        if !wrote { throw writer.fail("the value encoded nothing") }
    }
}

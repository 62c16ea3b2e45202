import Foundation

/// JSON for stored columns, written byte by byte while the value encodes itself. Foundation's `JSONEncoder` builds a
/// tree of boxed values first and writes it afterwards; encoding a grant record with it was about a tenth of a grant
/// creation's CPU and a fifth of a poll's instructions (docs/performance.md, issue 15).
///
/// The text is what the decoder reads back (``JSONColumn``), not a canonical form: members in the order the value
/// encodes them, no whitespace, `/` not escaped, as the shared `JSONEncoder` with `.withoutEscapingSlashes` writes.
/// Streaming needs a value to fill its containers in order: a container is closed when its parent writes its next
/// member, and writing to it after that is refused. That, and whatever this encoder does not do the way `JSONEncoder`
/// does (the types `JSONEncoder` special-cases: `Date`, `Data`, `URL`, `Decimal`; `superEncoder`; a
/// non-finite number; two kinds of container from one encoder; a key written twice), throws
/// ``StreamingJSONEncoder/Unsupported``, and ``JSONColumn`` then encodes the value with `JSONEncoder`. `codingPath`
/// is always empty: no stored type reads it while encoding.
package enum StreamingJSONEncoder {
    /// The value needs `JSONEncoder`; the reason is for tests and debugging.
    package struct Unsupported: Error, Equatable {
        package let reason: String
    }

    package static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = JSONStreamWriter()
        let wrote = try writer.writeValue(value)
        if let failure = writer.failure { throw failure }
        guard wrote else { throw Unsupported(reason: "the value encoded nothing") }
        writer.closeAll()
        return writer.bytes
    }
}

/// A container's place: its depth in the stack of open containers and the serial number it was opened with.
struct JSONContainerRef {
    let index: Int
    let serial: Int
    let isObject: Bool
    /// Returned when a container could not be opened; every write to it throws the writer's failure.
    static let dead = JSONContainerRef(index: -1, serial: -1, isObject: false)
}

/// An open container: a serial number no other container of this value has, whether it is an object, whether it has
/// a member yet, and (objects) the keys written so far.
struct OpenContainer {
    let serial: Int
    let isObject: Bool
    var hasMember = false
    private var keys: [String] = []
    /// From the 17th key on, a set: a dictionary of many members must not cost the square of their number.
    private var keySet: Set<String>?

    init(serial: Int, isObject: Bool) {
        self.serial = serial
        self.isObject = isObject
    }

    /// Adds `key`; false if it was there already.
    mutating func insert(_ key: String) -> Bool {
        if keySet != nil { return keySet!.insert(key).inserted }
        guard !keys.contains(key) else { return false }
        keys.append(key)
        if keys.count > 16 {
            keySet = Set(keys)
            keys = []
        }
        return true
    }
}

/// The output, the containers still open (innermost last) and the slot being filled.
final class JSONStreamWriter {
    private(set) var bytes: [UInt8] = []
    private var open: [OpenContainer] = []
    private var serials = 0
    /// The slot being filled: bumped at every member, so an encoder of an earlier slot can tell it is too late.
    private(set) var slot = 0
    /// The first thing this encoder could not do; set where the `Encoder` protocol gives no way to throw.
    private(set) var failure: StreamingJSONEncoder.Unsupported?

    init() { bytes.reserveCapacity(2048) }

    var height: Int { open.count }

    func fail(_ reason: String) -> StreamingJSONEncoder.Unsupported {
        let error = StreamingJSONEncoder.Unsupported(reason: reason)
        if failure == nil { failure = error }
        return error
    }

    /// Opens a container in the current slot.
    func push(object: Bool) -> JSONContainerRef {
        bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        serials += 1
        open.append(OpenContainer(serial: serials, isObject: object))
        return JSONContainerRef(index: open.count - 1, serial: serials, isObject: object)
    }

    /// Before a member of `container`: closes the containers inside it, writes the separator (and the key) and
    /// starts a new slot. A container that was closed already (its parent went on) is refused.
    func beginMember(of container: JSONContainerRef, key: String?) throws {
        if let failure { throw failure }
        guard container.index >= 0, container.index < open.count, open[container.index].serial == container.serial
        else { throw fail("a container was written to after it was closed") }
        while open.count > container.index + 1 {
            bytes.append(open.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
        if open[container.index].hasMember { bytes.append(UInt8(ascii: ",")) }
        open[container.index].hasMember = true
        if let key {
            // JSONEncoder keeps the last value of a key written twice; a stream cannot take the first one back.
            guard open[container.index].insert(key) else { throw fail("the key '\(key)' was written twice") }
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
        }
        slot += 1
    }

    func closeAll() {
        while let container = open.popLast() {
            bytes.append(container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// Writes `value` into the current slot; false if it encoded nothing at all.
    func writeValue<T: Encodable>(_ value: T) throws -> Bool {
        switch value {
        case let string as String: writeString(string)
        case let bool as Bool: writeBool(bool)
        case let int as Int: writeInteger(int)
        case let int as Int64: writeInteger(int)
        case let int as Int32: writeInteger(int)
        case let int as UInt64: writeInteger(int)
        case let int as UInt32: writeInteger(int)
        case let int as UInt: writeInteger(int)
        case let int as Int16: writeInteger(int)
        case let int as Int8: writeInteger(int)
        case let int as UInt16: writeInteger(int)
        case let int as UInt8: writeInteger(int)
        case let double as Double: try writeNumber(double)
        case let float as Float: try writeNumber(float)
        case is Date, is Data, is URL, is Decimal:
            throw fail("JSONEncoder special-cases \(T.self)")
        default:
            let encoder = SlotEncoder(writer: self)
            try value.encode(to: encoder)
            if let failure { throw failure }
            guard encoder.wrote else {
                // JSONEncoder writes an empty object for a nested value that encodes nothing.
                guard height > 0 else { return false }
                bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
                return true
            }
        }
        return true
    }

    func writeNull() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    func writeBool(_ value: Bool) {
        bytes.append(contentsOf: value ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
    }

    func writeInteger<I: BinaryInteger>(_ value: I) { bytes.append(contentsOf: String(value).utf8) }

    func writeNumber<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) throws {
        guard value.isFinite else { throw fail("JSONEncoder refuses the number \(value)") }
        // Swift's description is the shortest text that reads back as the same value ("0.1", "1e-05", "1e+20"),
        // and JSON's number grammar accepts every finite one.
        bytes.append(contentsOf: value.description.utf8)
    }

    /// A JSON string (RFC 8259 §7): `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`.
    func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(0x5C)
                switch byte {
                case 0x22, 0x5C: bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

import RawStructuredFieldValues

/// Builds swift-http-structured-headers' `OrderedMap` from entries collected in a plain array.
///
/// `OrderedMap` is generic and not inlinable, so each of its operations runs unspecialized: its key setter (a linear
/// search, then an append) cost about 3,300 instructions per entry and its empty initializer about 400, most of it in
/// generic metadata lookups, which made the maps a large part of parsing `Signature-Input` (docs/performance.md).
/// Its dictionary-literal initializer takes all entries in one call; the parser collects the entries (each key once)
/// and hands them over here.
enum OrderedMapBuilding {
    /// The empty map of Parameters, built once and shared (a copy is a retain).
    static let noParameters = OrderedMap<String, RFC9651BareItem>()

    /// A map with `entries` in order; the keys must be distinct.
    static func map<Value>(_ entries: [(String, Value)]) -> OrderedMap<String, Value> {
        switch entries.count {
        case 0: return OrderedMap()
        case 1: return OrderedMap(dictionaryLiteral: entries[0])
        case 2: return OrderedMap(dictionaryLiteral: entries[0], entries[1])
        case 3: return OrderedMap(dictionaryLiteral: entries[0], entries[1], entries[2])
        case 4: return OrderedMap(dictionaryLiteral: entries[0], entries[1], entries[2], entries[3])
        case 5: return OrderedMap(dictionaryLiteral: entries[0], entries[1], entries[2], entries[3], entries[4])
        case 6:
            return OrderedMap(dictionaryLiteral: entries[0], entries[1], entries[2], entries[3], entries[4], entries[5])
        default:
            var map = OrderedMap<String, Value>()
            for (key, value) in entries { map[key] = value }
            return map
        }
    }
}

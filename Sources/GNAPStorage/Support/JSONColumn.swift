import GNAP

/// JSON text columns for values whose structure SQL does not need to see.
package enum JSONColumn {
    package static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try GNAPJSON.encode(value), as: UTF8.self)
    }

    package static func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws -> T {
        do {
            return try GNAPJSON.decode(type, from: Array(text.utf8))
        } catch {
            throw StorageError.corruptRecord(what)
        }
    }
}

import Foundation
import GNAP

/// JSON text columns for values whose structure SQL does not need to see.
///
/// Unlike the wire (``GNAPJSON``), stored JSON is not sorted by key: nothing reads it but the decoder, and sorting
/// every object's keys was the dearest part of encoding a grant record on every write. One encoder and one decoder
/// serve every call (Foundation makes them safe to share; their options never change after creation).
package enum JSONColumn {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    private static let decoder = JSONDecoder()

    package static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    package static func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws -> T {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StorageError.corruptRecord(what)
        }
    }
}

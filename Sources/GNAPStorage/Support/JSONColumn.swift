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

    /// The stored text of `value`: written by ``StreamingJSONEncoder``, or by `JSONEncoder` for a value the stream
    /// cannot take (the decoder reads both the same).
    package static func encode<T: Encodable>(_ value: T) throws -> String {
        do {
            return String(decoding: try StreamingJSONEncoder.encode(value), as: UTF8.self)
        } catch is StreamingJSONEncoder.Unsupported {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }
    }

    /// The text `JSONEncoder` alone writes (tests compare the two).
    package static func foundationEncode<T: Encodable>(_ value: T) throws -> String {
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

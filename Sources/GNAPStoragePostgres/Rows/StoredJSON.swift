import GNAP

/// JSON text columns for values whose structure SQL does not need to see, in `GNAPJSON`'s form (sorted keys). The
/// SQLite store writes the same values unsorted (decision 73); rows move between the two as values (`ASStoreTransfer`
/// decodes and encodes them), so the two forms never meet.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try GNAPJSON.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws -> T {
        do {
            return try GNAPJSON.decode(type, from: Array(text.utf8))
        } catch {
            throw PostgresStoreError.corruptRecord(what)
        }
    }
}

/// Stored data the store cannot read back.
public enum PostgresStoreError: Error, Sendable, CustomStringConvertible {
    case corruptRecord(String)

    public var description: String {
        switch self {
        case .corruptRecord(let detail): "a stored record is unreadable: \(detail)"
        }
    }
}

extension WallInstant {
    init?(milliseconds: Int64?) {
        guard let milliseconds else { return nil }
        self.init(unixMilliseconds: milliseconds)
    }
}

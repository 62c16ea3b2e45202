import Foundation
import GNAP
import Testing

@testable import GNAPStorage

/// Stored JSON written by the streaming encoder reads back as the value, and says what `JSONEncoder` says; what the
/// stream cannot write is refused and then written by `JSONEncoder`.
@Suite("AS database: the streaming JSON encoder of stored columns")
struct StreamingJSONEncoderTests {
    /// A request with every kind of member: rights by object and by reference, API-specific members with nested
    /// objects, numbers and strings that need escaping, a client by value, subject formats and interaction.
    static let request = #"""
        {"access_token": [
            {"access": [
                {"type": "photo-api", "actions": ["read", "write"], "locations": ["https://photos.example/"],
                 "datatypes": ["metadata"], "limits": {"max": 1.5, "n": 3, "big": 12345678901234567,
                 "tiny": 1e-7, "yes": true,
                 "tags": ["quote \" back \\ slash /", "\u0001\u001f\b\f\n\r\t", "é ü 😀 \u2028", ""]}},
                "dolphin-metadata"], "label": "first"},
            {"access": ["reference-only"], "label": "second", "flags": ["bearer"]}],
         "subject": {"sub_id_formats": ["opaque", "email"]},
         "client": {"key": {"proof": "httpsig", "jwk": {"kty": "OKP", "crv": "Ed25519",
             "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "kid": "k"}},
             "display": {"name": "TV \"living room\"", "uri": "https://tv.example/"}},
         "interact": {"start": ["user_code", "redirect"],
             "finish": {"method": "redirect", "uri": "https://client.example/done", "nonce": "n-1"}}}
        """#

    static func richGrant() throws -> GrantRecord {
        let clock = ManualClock()
        var grant = Fixtures.grant(instance: try Fixtures.instance(at: clock.now), clock: clock)
        grant.request = try GNAPJSON.decodeRequest(GrantRequest.self, from: Array(request.utf8))
        grant.tokens = grant.request.accessToken?.requests ?? []
        grant.subjectFormats = ["opaque", "email"]
        grant.startModes = ["user_code", "redirect"]
        grant.uiLocales = ["de-CH", "en"]
        grant.tokenFormats = [nil, "jwt"]
        grant.requestedFrom = "[::1]:443"
        return grant
    }

    /// The two texts as JSON values, compared member by member (key order aside).
    static func sameJSON(_ first: String, _ second: String) throws -> Bool {
        let a = try JSONSerialization.jsonObject(with: Data(first.utf8), options: [.fragmentsAllowed])
        let b = try JSONSerialization.jsonObject(with: Data(second.utf8), options: [.fragmentsAllowed])
        return (a as? NSObject)?.isEqual(b) ?? false
    }

    static func streamed<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try StreamingJSONEncoder.encode(value), as: UTF8.self)
    }

    @Test func aGrantRecordReadsBackAndSaysWhatJSONEncoderSays() throws {
        let grant = try Self.richGrant()
        let text = try Self.streamed(grant)
        #expect(try JSONColumn.decode(GrantRecord.self, text, what: "grant") == grant)
        #expect(try Self.sameJSON(text, try JSONColumn.foundationEncode(grant)))
        #expect(try JSONColumn.encode(grant) == text)
    }

    @Test func stringsAreEscapedAsJSONRequiresAndReadBackUnchanged() throws {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        let strings = [controls, "\"\\/", "é ü 😀 \u{2028}\u{2029}", "", "plain"]
        let text = try Self.streamed(strings)
        #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == strings)
        #expect(try Self.streamed(["a\"b\\c\nd\u{01}/"]) == #"["a\"b\\c\nd\u0001/"]"#)
    }

    @Test func numbersReadBackAsTheSameValues() throws {
        struct Numbers: Codable, Equatable {
            var double = [
                0.1, -0.0, 1e-7, 1e20, 123.456, Double.greatestFiniteMagnitude, -Double.leastNonzeroMagnitude,
            ]
            var float: Float = 0.1
            var int = [Int.min, Int.max, 0]
            var int64 = Int64.min
            var uint64 = UInt64.max
            var int8: Int8 = -128
            var uint16: UInt16 = 65535
            var optionals: [Int?] = [1, nil, 3]
        }
        let text = try Self.streamed(Numbers())
        #expect(try JSONDecoder().decode(Numbers.self, from: Data(text.utf8)) == Numbers())
        #expect(try Self.sameJSON(text, try JSONColumn.foundationEncode(Numbers())))
    }

    @Test func dictionariesAndNestedValuesThatEncodeNothingMatchJSONEncoder() throws {
        struct Empty: Codable, Equatable {}
        struct Holder: Codable, Equatable {
            var empty = Empty()
            var map = ["b": [1, 2], "a": []]
            var byInt = [3: "three"]
            var many = Dictionary(uniqueKeysWithValues: (0..<100).map { ("k\($0)", $0) })
            var nothing: String? = nil
        }
        let text = try Self.streamed(Holder())
        #expect(try JSONDecoder().decode(Holder.self, from: Data(text.utf8)) == Holder())
        #expect(try Self.sameJSON(text, try JSONColumn.foundationEncode(Holder())))
        #expect(text.contains(#""empty":{}"#))
    }

    /// Opens a nested container, writes a later member, then goes back to the nested one: a stream cannot.
    struct Interleaved: Encodable {
        enum Keys: String, CodingKey { case first, second, inner }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .first)
            try container.encode(1, forKey: .second)
            try nested.encode(2, forKey: .inner)
        }
    }

    struct TwiceTheKey: Encodable {
        enum Keys: String, CodingKey { case key }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .key)
            try container.encode(2, forKey: .key)
        }
    }

    /// Twenty distinct keys, then the first again (past the point where the keys are kept in a set).
    struct LateRepeat: Encodable {
        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for index in 0..<20 { try container.encode(index, forKey: Key(stringValue: "k\(index)")) }
            try container.encode(0, forKey: Key(stringValue: "k0"))
        }
    }

    struct ThroughSuper: Encodable {
        enum Keys: String, CodingKey { case key }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try 5.encode(to: container.superEncoder())
        }
    }

    struct Dated: Encodable {
        var at = Date(timeIntervalSince1970: 0)
    }

    @Test func whatAStreamCannotWriteIsRefusedAndWrittenByJSONEncoder() throws {
        #expect(throws: StreamingJSONEncoder.Unsupported(reason: "a container was written to after it was closed")) {
            try StreamingJSONEncoder.encode(Interleaved())
        }
        #expect(throws: StreamingJSONEncoder.Unsupported(reason: "the key 'key' was written twice")) {
            try StreamingJSONEncoder.encode(TwiceTheKey())
        }
        #expect(throws: StreamingJSONEncoder.Unsupported(reason: "the key 'k0' was written twice")) {
            try StreamingJSONEncoder.encode(LateRepeat())
        }
        #expect(throws: StreamingJSONEncoder.Unsupported(reason: "superEncoder")) {
            try StreamingJSONEncoder.encode(ThroughSuper())
        }
        #expect(throws: StreamingJSONEncoder.Unsupported.self) { try StreamingJSONEncoder.encode(Dated()) }
        #expect(throws: StreamingJSONEncoder.Unsupported.self) { try StreamingJSONEncoder.encode([Double.nan]) }
        // The column falls back to JSONEncoder, which writes these (or refuses them) as before. (JSONEncoder's member
        // order is not the same from one call to the next, so the texts are compared as JSON.)
        #expect(try Self.sameJSON(JSONColumn.encode(Interleaved()), JSONColumn.foundationEncode(Interleaved())))
        #expect(try Self.sameJSON(JSONColumn.encode(TwiceTheKey()), JSONColumn.foundationEncode(TwiceTheKey())))
        #expect(try Self.sameJSON(JSONColumn.encode(Dated()), JSONColumn.foundationEncode(Dated())))
        #expect(try JSONColumn.encode(TwiceTheKey()) == #"{"key":2}"#)
        #expect(throws: EncodingError.self) { try JSONColumn.encode([Double.infinity]) }
    }
}

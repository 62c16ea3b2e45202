import Foundation
import HTTPMessageSignatures
import Testing

@Suite("Compact JWS: strict parsing (RFC 7515 §5.2, §4)")
struct CompactJWSParsingTests {
    static func compact(header json: String, payload: String = "e30", signature: String = "AA") -> String {
        Base64URL.encode(Array(json.utf8)) + "." + payload + "." + signature
    }

    static func expectMalformed(_ text: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: CompactJWS.Failure.malformed(reason), sourceLocation: sourceLocation) {
            try CompactJWS(parsing: text)
        }
    }

    @Test func readsTheHeaderMembersAndTheirTypes() throws {
        let json = #"""
            { "alg":"ES256" , "kid":"k\u00e9y","typ":"gnap-binding-jwsd","htm":"POST","created":1618884475,
              "n":-1.5e3, "flag":true, "none":null, "list":[1,"two",{"x":[]}], "esc":"\"\\\/\b\f\n\r\t\ud83d\ude00" }
            """#
        let jws = try CompactJWS(parsing: Self.compact(header: json))
        let header = jws.header
        #expect(header.alg == "ES256" && header.kid == "k\u{E9}y" && header.typ == "gnap-binding-jwsd")
        #expect(header["created"] == .integer(1_618_884_475))
        #expect(header["n"] == .number(-1500))
        #expect(header["flag"] == .bool(true) && header["none"] == .null)
        #expect(header["list"] == .array([.integer(1), .string("two"), .object([.init("x", .array([]))])]))
        #expect(header["esc"] == .string("\"\\/\u{8}\u{C}\n\r\t\u{1F600}"))
        #expect(header.members.map(\.name) == ["htm", "created", "n", "flag", "none", "list", "esc"])
        #expect(jws.payload == Array("{}".utf8) && jws.signature == [0])
    }

    @Test func refusesWhatIsNotACompactJWS() {
        Self.expectMalformed("a.b", "a compact JWS has three parts")
        Self.expectMalformed("a.b.c.d", "a compact JWS has three parts")
        Self.expectMalformed(".e30.AA", "the header part is empty")
        Self.expectMalformed("eyJhbGciOiJFUzI1NiJ9.e30=.AA", "a part is not unpadded base64url")
        Self.expectMalformed("eyJhbGciOiJFUzI1NiJ9.e30.A A", "a part is not unpadded base64url")
        Self.expectMalformed("eyJhbGciOiJFUzI1NiJ9.e30.AB", "a part is not unpadded base64url")
        let long = String(repeating: "A", count: 9000)
        Self.expectMalformed(long + ".e30.AA", "the header is longer than allowed")
        #expect(throws: CompactJWS.Failure.malformed("the JWS is longer than allowed")) {
            try CompactJWS(parsing: "e30.e30.AA", limits: .init(maximumLength: 8))
        }
    }

    @Test func refusesHeadersThatAreNotStrictJSON() throws {
        let cases: [(String, String)] = [
            (#"["alg"]"#, "the header is not valid JSON: the header is not a JSON object"),
            (#"{"alg":"ES256","alg":"none"}"#, "the header is not valid JSON: the member name 'alg' appears twice"),
            (#"{"alg":"ES256","x":{"a":1,"a":2}}"#, "the header is not valid JSON: the member name 'a' appears twice"),
            (#"{"alg":"ES256"} {}"#, "the header is not valid JSON: unexpected content after the object"),
            (#"{"alg":"ES256",}"#, "the header is not valid JSON: expected a member name"),
            (#"{'alg':'ES256'}"#, "the header is not valid JSON: expected a member name"),
            (#"{"alg":"ES256","n":01}"#, "the header is not valid JSON: expected '}'"),
            (#"{"alg":"ES256","n":1.}"#, "the header is not valid JSON: malformed number"),
            (#"{"alg":"ES256","n":1e999}"#, "the header is not valid JSON: number out of range"),
            (#"{"alg":"ES256","s":"\x"}"#, "the header is not valid JSON: an invalid escape"),
            (#"{"alg":"ES256","s":"\ud83d"}"#, "the header is not valid JSON: an unpaired surrogate"),
            (#"{"alg":"ES256","s":"\ude00"}"#, "the header is not valid JSON: an unpaired surrogate"),
            ("{\"alg\":\"ES256\",\"s\":\"a\u{1}\"}", "the header is not valid JSON: a control character in a string"),
            (#"{"alg":"ES256","b":tru}"#, "the header is not valid JSON: unexpected character"),
            (#"{"alg":"ES256""#, "the header is not valid JSON: expected '}'"),
            (#"{"typ":"JWT"}"#, "the header has no 'alg'"),
            (#"{"alg":""}"#, "the header member 'alg' has the wrong type"),
            (#"{"alg":256}"#, "the header member 'alg' has the wrong type"),
            (#"{"alg":"ES256","kid":7}"#, "the header member 'kid' has the wrong type"),
            (#"{"alg":"ES256","typ":null}"#, "the header member 'typ' has the wrong type"),
            (#"{"alg":"ES256","crit":[]}"#, "'crit' must be a non-empty list of names"),
            (#"{"alg":"ES256","crit":["x","x"]}"#, "'crit' must be a list of distinct, non-empty names"),
            (#"{"alg":"ES256","crit":["kid"]}"#, "'crit' must not name the registered parameter 'kid'"),
            (
                #"{"alg":"ES256","b64":false,"crit":["b64"]}"#,
                "unencoded payloads (RFC 7797 'b64': false) are not supported"
            ),
        ]
        for (json, reason) in cases {
            Self.expectMalformed(Self.compact(header: json), reason)
        }
        // Invalid UTF-8 inside a string.
        let invalid = Base64URL.encode(Array(#"{"alg":"ES256","s":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
        Self.expectMalformed(invalid + ".e30.AA", "the header is not valid JSON: a string is not valid UTF-8")
        // Duplicates are found past the first sixteen members too, where a set takes over from the linear search.
        let many = (0..<40).map { #""m\#($0)":\#($0)"# }.joined(separator: ",")
        Self.expectMalformed(
            Self.compact(header: #"{"alg":"ES256","# + many + #","m3":0}"#),
            "the header is not valid JSON: the member name 'm3' appears twice")
        #expect(
            try CompactJWS(parsing: Self.compact(header: #"{"alg":"ES256","# + many + "}")).header.members.count == 40)
        // Nesting is bounded.
        let deep = #"{"alg":"ES256","x":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"
        Self.expectMalformed(Self.compact(header: deep), "the header is not valid JSON: nested too deeply")
    }

    /// Differential check against Foundation's parser on headers that both accept: same members, same values.
    @Test func agreesWithJSONSerializationOnValidHeaders() throws {
        var generator = SystemRandomNumberGenerator()
        let strings = ["", "plain", "üñï©ødé", "quote \" backslash \\ slash /", "tab\tnew\nline", "emoji 😀", "\u{7F}"]
        for round in 0..<200 {
            var object: [String: Any] = ["alg": "ES256"]
            for index in 0..<Int.random(in: 0...6, using: &generator) {
                let value: Any =
                    switch Int.random(in: 0..<6, using: &generator) {
                    case 0: strings.randomElement(using: &generator)!
                    case 1: Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator)
                    case 2: Bool.random(using: &generator)
                    case 3: [1, "two", ["three": 3]] as [Any]
                    case 4: ["nested": ["deeper": strings.randomElement(using: &generator)!]]
                    default: NSNull()
                    }
                object["m\(index)_\(round)"] = value
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted])
            let jws = try CompactJWS(parsing: Base64URL.encode(data) + ".e30.AA")
            let reparsed = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            #expect(Set(jws.header.members.map(\.name) + ["alg"]) == Set(reparsed.keys))
            for member in jws.header.members {
                #expect(Self.same(member.value, reparsed[member.name]!), "\(member.name) in round \(round)")
            }
        }
    }

    static func same(_ value: JOSEHeader.Value, _ other: Any) -> Bool {
        switch value {
        case .string(let string): return other as? String == string
        case .integer(let integer): return (other as? NSNumber)?.int64Value == integer
        case .number(let number): return (other as? NSNumber)?.doubleValue == number
        case .bool(let bool): return (other as? NSNumber)?.boolValue == bool
        case .null: return other is NSNull
        case .array(let elements):
            guard let others = other as? [Any], others.count == elements.count else { return false }
            return zip(elements, others).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let others = other as? [String: Any], others.count == members.count else { return false }
            return members.allSatisfy { member in others[member.name].map { same(member.value, $0) } ?? false }
        }
    }
}

import RawStructuredFieldValues
import Testing

@testable import HTTPMessageSignatures

/// The Dictionary parser of the verification hot path must answer exactly like swift-http-structured-headers: the
/// same value whenever it answers, and leave everything else (rare types, invalid input) to that library.
@Suite("Structured Dictionary fast path (RFC 9651 §4.2.2)")
struct StructuredDictionaryTests {
    /// The library's answer: the parsed dictionary, or nil when it refuses the input.
    func library(_ text: [UInt8]) -> OrderedMap<String, ItemOrInnerList>? {
        var parser = StructuredFieldValueParser(text)
        return try? parser.parseDictionaryFieldValue()
    }

    func fast(_ text: [UInt8]) -> OrderedMap<String, ItemOrInnerList>? {
        var parser = StructuredDictionary.FastParser(text)
        return parser.parseDictionaryFieldValue()
    }

    /// Whenever the fast parser answers, the library gives the same value; the combined parser always agrees.
    func expectAgreement(_ text: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = library(text)
        if let answer = fast(text) {
            #expect(answer == expected, "\(String(decoding: text, as: UTF8.self))", sourceLocation: sourceLocation)
        }
        #expect(
            (try? StructuredDictionary.parse(text)) == expected, "\(String(decoding: text, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    @Test func handlesEverySignatureFieldOfTheVectors() throws {
        let vectors = try VectorFile.load()
        let values = vectors.cases.flatMap { [$0.signatureInput, $0.signature] }
        #expect(values.count > 20)
        for value in values {
            let bytes = Array(value.utf8)
            #expect(fast(bytes) != nil, "the fast path must handle \(value)")
            expectAgreement(bytes)
        }
        for example in vectors.contentDigest { expectAgreement(Array(example.value.utf8)) }
    }

    @Test(arguments: [
        "", "   ", "a", "a, b", "a=1, b=?0;x", "a=1,b=2", "a=1 ,b=2", "a=1\t,\tb=2", "a=1, ", "a=1,", ",a=1", "a=1 b=2",
        "a=1  ", "  a=1", "\ta=1", "a=1\t", "a=1, a=2", "a=(1 2), b=3, a=4", "a;x=1;x=2", "a=1;x;y=?1", "A=1",
        "*a=1", "a*._-9=1", "1a=1", "a-=x", "a=", "a==1", "a=()", "a=( )", "a=(  1  2  );p=3", "a=(1", "a=(1)(2)",
        "a=(1 (2))", "a=(1,2)", "a=(\"x\"\t\"y\")", "a=123456789012345", "a=1234567890123456", "a=-123456789012345",
        "a=-", "a=-x", "a=-0", "a=007", "a=1.5", "a=1.", "a=123456789012.1", "a=1.2345", "a=@1659578233", "a=@-1",
        "a=@1.5", "a=%\"caf%c3%a9\"", "a=%\"x", "a=\"\"", "a=\"a b\"", "a=\"q\\\"s\\\\\"", "a=\"bad\\x\"",
        "a=\"unterminated", "a=\"tab\tin\"", "a=\"\u{7F}\"", "a=\"é\"", "a=tok", "a=*tok", "a=Tok:/!#$%&'*+-.^_`|~9",
        "a=t\"", "a=:aGVsbG8=:", "a=::", "a=:aGVs bG8=:", "a=:aGVsbG8", "a=:a-b_:", "a=?1", "a=?2", "a=?", "a=?1x",
        "a=1;", "a=1; x=2", "a=1;x =2", "a=1;X=2", "a=1;x=(1)", "a=1;x=\"s\";y=:AA==:;z=t;w=?0",
        "sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=1618884473;keyid=\"k\";tag=\"gnap\"",
        "sig1=(\"@query-param\";name=\"Pet\" \"x\";sf \"y\";key=\"a\" \"z\";bs;req;tr);alg=\"ed25519\"",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, md5=:AAAA:",
    ])
    func agreesOnEdgeCases(_ text: String) {
        expectAgreement(Array(text.utf8))
    }

    @Test func agreesOnNonASCIIAndControlBytes() {
        let inputs: [[UInt8]] = [
            [0x61, 0x3D, 0xC3, 0xA9], [0x61, 0x3D, 0x31, 0x00], [0x61, 0x3D, 0x31, 0x0A], [0xFF], [0x61, 0x80],
        ]
        for bytes in inputs { expectAgreement(bytes) }
    }

    /// Random mutations of realistic fields and random strings over the syntax's characters, from a fixed seed.
    @Test func agreesOnRandomInput() {
        var random = SplitMix64(seed: 9421)
        let seeds = [
            #"sig1=("@method" "@target-uri" "content-digest" "authorization");created=1618884473;keyid="test-key";"#
                + #"nonce="b3k2pp5k7z-50gnwp.yemd";tag="gnap", sig2=("@status";req);alg="rsa-pss-sha512""#,
            "sig1=:K2qGT5srn2OGbOIDzQ6kYT+ruaycnDAAUpKv+ePFfD0RAxn/1BUeZx/Kdrq32DrfakQ6bPsvB9aqZqognNT6be4olHROIkeV879RrsrO"
                + "bury8L8SCEibeoHyqU/yCjphSmEdd7WD+zrchK57quskKwRefy2iEC5S2uAH0EPyOZKWlvbKmKu5q4CaB8X/I5/+HLZLGvDiezqi6/"
                + "7p2Gngf5hwZ0lSdy39vyNMaaAT0tKo6nuVw0S1MVg1Q7MpWYZs0soHjttq0uLIA3DIbQfLiIvK6/l0BdWTU7+2uQj7lBkQAsFZHoA96"
                + "ZZgFquQrXRlmYOh+Hx5D9fJkXcXe5tmAg==:",
            "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:WZDPaVn/7XgHaAy8pmojAkGW==:;p=?1, x, y=(a b)",
            #"a=(1 -2 "s\"q" tok:/x ?0 :AA==:);k=42, b;p="x y", c=*t"#,
        ].map { Array($0.utf8) }
        let alphabet = Array(#"az09AZ*-_.:/;=,()"\ ?@%+"#.utf8) + [0x09, 0x7F, 0xC3, 0x00]
        var answered = 0
        let rounds = 6000
        for round in 0..<rounds {
            var text: [UInt8]
            if round % 5 == 4 {
                text = (0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            } else {
                text = seeds.randomElement(using: &random)!
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let position = Int.random(in: 0...text.count, using: &random)
                    let byte = alphabet.randomElement(using: &random)!
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: text.insert(byte, at: position)
                    case 1 where position < text.count: text.remove(at: position)
                    default: if position < text.count { text[position] = byte }
                    }
                }
            }
            if fast(text) != nil { answered += 1 }
            expectAgreement(text)
        }
        // The comparison only means something if the fast path answered for a good share of the inputs.
        #expect(answered > rounds / 10)
    }
}

/// A small deterministic generator (SplitMix64), so that a failure reproduces.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

import FuzzSupport
import RawStructuredFieldValues

@testable import HTTPMessageSignatures

/// Differential: where the fast Dictionary parser answers, swift-http-structured-headers must give the same
/// Dictionary, and `StructuredDictionary.parse` must always agree with the library, on the input and on the library's
/// serialization of what it parsed (canonical text, which takes the fast path most).
@main
enum StructuredDictionaryFuzzer {
    static func main() {
        runFuzzer { start, count in
            fuzzStructuredDictionary(fuzzInput(start, count))
            return 0
        }
    }
}

func fuzzStructuredDictionary(_ bytes: [UInt8]) {
    guard let parsed = agreeingParse(bytes) else { return }
    var serializer = StructuredFieldValueSerializer()
    // Representations are compared, not values: the library reads "0.000" and "0.0" as different Decimals.
    if let serialized = try? serializer.writeDictionaryFieldValue(parsed) {
        _ = agreeingParse(serialized)
    }
}

/// The library's Dictionary for `bytes`, after checking that both parsers agree on it.
private func agreeingParse(_ bytes: [UInt8]) -> OrderedMap<String, ItemOrInnerList>? {
    var library = StructuredFieldValueParser(bytes)
    let expected = try? library.parseDictionaryFieldValue()
    var fast = StructuredDictionary.FastParser(bytes)
    if let answer = fast.parseDictionaryFieldValue() {
        require(expected != nil, "the fast parser accepts what the library refuses: \(escaped(bytes))")
        require(answer == expected, "the fast parser and the library disagree on \(escaped(bytes))")
    }
    let combined = try? StructuredDictionary.parse(bytes)
    require(combined == expected, "StructuredDictionary.parse and the library disagree on \(escaped(bytes))")
    return expected
}

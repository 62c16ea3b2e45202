import FuzzSupport
import HTTPMessageSignatures
import HTTPTypes
import RawStructuredFieldValues

/// Field values a verifier parses before it knows anything about the sender: `Signature-Input`, `Signature`
/// (RFC 9421 §4), `Content-Digest` and `Want-Content-Digest` (RFC 9530). The input is
/// `Signature-Input LF Signature LF Content-Digest LF body`.
///
/// Invariants: nothing traps; every error describes itself without control characters; the serialization of every
/// component identifier read is stable (read back, it serializes the same); a digest computed here verifies.
@main
enum SignatureFieldsFuzzer {
    static func main() {
        runFuzzer { start, count in
            fuzzSignatureFields(fuzzInput(start, count))
            return 0
        }
    }
}

func fuzzSignatureFields(_ bytes: [UInt8]) {
    let parts = bytes.fuzzParts(3)
    let text = parts.map { String(decoding: $0, as: UTF8.self) }
    var fields = HTTPFields()
    fields[.signatureInput] = text[0]
    fields[.signature] = text[1]
    do {
        for signature in try ReceivedSignature.all(in: fields) {
            for component in signature.components {
                // Signature bases carry the serialization, so it must be stable: read back, it serializes the same
                // (the identifier itself may differ in representation only, e.g. a Decimal 0.560 comes back 0.56).
                var parser = StructuredFieldValueParser(Array(component.serialized.utf8))
                let item = try? parser.parseItemFieldValue()
                guard case .string(let name) = item?.rfc9651BareItem, let item else {
                    fatalError("component \(component.serialized) of \(escaped(parts[0])) does not parse back")
                }
                let again = ComponentIdentifier(name, parameters: item.rfc9651Parameters).serialized
                require(
                    again == component.serialized,
                    "component \(component.serialized) of \(escaped(parts[0])) serializes as \(again) once read back")
            }
        }
    } catch {
        require(!hasControlCharacters(error.description), "control characters in the error '\(error)'")
    }
    let digest = text[2]
    let body = parts[3]
    if case .valid(let algorithms) = ContentDigest.verify(fieldValue: digest, body: body) {
        require(!algorithms.isEmpty, "Content-Digest \(escaped(parts[2])) is valid without an algorithm")
    }
    let computed = ContentDigest.fieldValue(for: body, algorithms: DigestAlgorithm.allCases)
    require(
        ContentDigest.verify(fieldValue: computed, body: body) == .valid(algorithms: DigestAlgorithm.allCases),
        "the digest computed for \(escaped(body)) does not verify")
    if let preferences = WantDigest.preferences(digest) {
        require(preferences.allSatisfy { (0...10).contains($0.preference) }, "a preference outside 0...10")
    }
    _ = WantDigest.choose(digest)
}

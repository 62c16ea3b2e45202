import HTTPMessageSignatures
import RawStructuredFieldValues

/// The `--covered` text: the content of the covered-components Inner List in structured-field syntax (RFC 9421
/// §2.3, RFC 9651 §3.1.1), e.g. `"@method" "@query-param";name="Pet"`.
public enum CoveredComponents {
    public static func parse(_ text: String) throws(HTTPSigToolError) -> [ComponentIdentifier] {
        // Parsed as the Inner List it will become, so quoting and parameters follow RFC 9651 exactly.
        var parser = StructuredFieldValueParser(Array("(\(text))".utf8))
        guard let list = try? parser.parseListFieldValue(), list.count == 1, case .innerList(let inner) = list[0],
            inner.rfc9651Parameters.count == 0
        else {
            throw .invalidCoveredComponents(
                "expected quoted component names separated by spaces, e.g. '\"@method\" \"content-type\"'")
        }
        var components: [ComponentIdentifier] = []
        for item in inner.bareInnerList {
            guard case .string(let name) = item.rfc9651BareItem else {
                throw .invalidCoveredComponents("component names are quoted strings")
            }
            // §2.1: component names are lowercase; a verifier would not match anything else.
            guard name == name.lowercased(), !name.isEmpty else {
                throw .invalidCoveredComponents("'\(name.printable)' is not a lowercase component name")
            }
            components.append(ComponentIdentifier(name, parameters: item.rfc9651Parameters))
        }
        return components
    }
}

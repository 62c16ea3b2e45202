import Foundation
import HTTPTypes
import RawStructuredFieldValues

/// Parsing of the `Signature-Input` and `Signature` Dictionary fields (RFC 9421 §4.1, §4.2), combined over all
/// their field lines.
enum SignatureFields {
    static func parse(_ fields: HTTPFields) throws(SignatureFieldError) -> [ReceivedSignature] {
        let inputs = try dictionary(fields, .signatureInput)
        let signatures = try dictionary(fields, .signature)
        var result: [ReceivedSignature] = []
        for (label, member) in inputs {
            guard case .innerList(let list) = member else { throw .malformed("Signature-Input member '\(label)'") }
            var components: [ComponentIdentifier] = []
            for item in list.bareInnerList {
                guard case .string(let name) = item.rfc9651BareItem else {
                    throw .malformed("Signature-Input member '\(label)': component names must be strings")
                }
                // §2: component names are lowercase; an uppercase name can never match and is refused.
                guard name == name.lowercased() else {
                    throw .malformed("Signature-Input member '\(label)': component '\(name)' is not lowercase")
                }
                components.append(ComponentIdentifier(name, parameters: item.rfc9651Parameters))
            }
            guard let signatureMember = signatures[label] else { throw .missingSignature(label) }
            guard case .item(let item) = signatureMember,
                case .undecodedByteSequence(let encoded) = item.rfc9651BareItem,
                let bytes = Data(base64Encoded: encoded)
            else { throw .malformed("Signature member '\(label)' is not a byte sequence") }
            let parameters = SignatureParameters(ordered: list.rfc9651Parameters)
            try validate(parameters, label: label)
            result.append(
                ReceivedSignature(label: label, components: components, parameters: parameters, signature: Array(bytes))
            )
        }
        return result
    }

    /// §2.3: `created`/`expires` are integers, `nonce`/`alg`/`keyid`/`tag` strings.
    private static func validate(_ parameters: SignatureParameters, label: String) throws(SignatureFieldError) {
        for (name, value) in parameters.ordered {
            switch (name, value) {
            case ("created", .integer), ("expires", .integer): continue
            case ("nonce", .string), ("alg", .string), ("keyid", .string), ("tag", .string): continue
            case ("created", _), ("expires", _), ("nonce", _), ("alg", _), ("keyid", _), ("tag", _):
                throw .malformed("Signature-Input member '\(label)': parameter '\(name)' has the wrong type")
            default: continue
            }
        }
    }

    private static func dictionary(_ fields: HTTPFields, _ name: HTTPField.Name) throws(SignatureFieldError)
        -> OrderedMap<String, ItemOrInnerList>
    {
        let lines = fields[values: name]
        guard !lines.isEmpty else { return OrderedMap() }
        do {
            return try StructuredDictionary.parse(Array(lines.joined(separator: ", ").utf8))
        } catch {
            throw .malformed("\(name.canonicalName) is not a valid structured dictionary")
        }
    }
}

/// Why the signature fields of a message could not be read.
public enum SignatureFieldError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(String)
    case missingSignature(String)

    public var description: String {
        switch self {
        case .malformed(let detail): detail
        case .missingSignature(let label): "Signature-Input names '\(label)' but Signature has no such member"
        }
    }
}

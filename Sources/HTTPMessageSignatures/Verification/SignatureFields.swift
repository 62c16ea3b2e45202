import HTTPTypes
import RawStructuredFieldValues

/// Parsing of the `Signature-Input` and `Signature` Dictionary fields (RFC 9421 §4.1, §4.2), combined over all
/// their field lines.
enum SignatureFields {
    static func parse(_ fields: HTTPFields, limits: SignatureLimits = .standard) throws(SignatureFieldError)
        -> [ReceivedSignature]
    {
        let inputs = try dictionary(fields, .signatureInput, limits: limits)
        let signatures = try dictionary(fields, .signature, limits: limits)
        guard inputs.count <= limits.maximumSignatures else {
            throw .tooManySignatures(count: inputs.count, limit: limits.maximumSignatures)
        }
        var result: [ReceivedSignature] = []
        for (label, member) in inputs {
            guard case .innerList(let list) = member else { throw .malformed("Signature-Input member '\(label)'") }
            guard list.bareInnerList.count <= limits.maximumComponents else {
                throw .tooManyComponents(
                    label: label, count: list.bareInnerList.count, limit: limits.maximumComponents)
            }
            var components: [ComponentIdentifier] = []
            for item in list.bareInnerList {
                guard case .string(let name) = item.rfc9651BareItem else {
                    throw .malformed("Signature-Input member '\(label)': component names must be strings")
                }
                // §2: component names are lowercase; an uppercase name can never match and is refused.
                guard !name.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
                    throw .malformed("Signature-Input member '\(label)': component '\(name)' is not lowercase")
                }
                components.append(ComponentIdentifier(lowercaseName: name, parameters: item.rfc9651Parameters))
            }
            guard let signatureMember = signatures.first(where: { $0.key == label })?.value else {
                throw .missingSignature(label)
            }
            guard case .item(let item) = signatureMember,
                case .undecodedByteSequence(let encoded) = item.rfc9651BareItem,
                let bytes = StructuredByteSequence.decode(encoded)
            else { throw .malformed("Signature member '\(label)' is not a byte sequence") }
            let parameters = try received(list.rfc9651Parameters, label: label)
            result.append(
                ReceivedSignature(label: label, components: components, parameters: parameters, signature: bytes)
            )
        }
        return result
    }

    /// The parameters of a received signature. §2.3: `created`/`expires` are integers, `nonce`/`alg`/`keyid`/`tag`
    /// strings. One pass over the map both checks them and reads them (each pass through the generic map costs).
    private static func received(_ ordered: OrderedMap<String, RFC9651BareItem>, label: String)
        throws(SignatureFieldError) -> SignatureParameters
    {
        var parameters = SignatureParameters()
        for (name, value) in ordered {
            switch (name, value) {
            case ("created", .integer), ("expires", .integer): break
            case ("nonce", .string), ("alg", .string), ("keyid", .string), ("tag", .string): break
            case ("created", _), ("expires", _), ("nonce", _), ("alg", _), ("keyid", _), ("tag", _):
                throw .malformed("Signature-Input member '\(label)': parameter '\(name)' has the wrong type")
            default: break
            }
            parameters.record(name, value)
        }
        parameters.adopt(ordered)
        return parameters
    }

    private static func dictionary(
        _ fields: HTTPFields, _ name: HTTPField.Name, limits: SignatureLimits
    ) throws(SignatureFieldError) -> [(key: String, value: ItemOrInnerList)] {
        let lines = fields[values: name]
        guard !lines.isEmpty else { return [] }
        // Checked before parsing: the cost of parsing a Dictionary grows with the square of its member count.
        let length = lines.reduce(2 * (lines.count - 1)) { $0 + $1.utf8.count }
        guard length <= limits.maximumFieldLength else {
            throw .fieldTooLong(field: name.canonicalName, length: length, limit: limits.maximumFieldLength)
        }
        // One field line, as almost always: its bytes without joining.
        let bytes = lines.count == 1 ? Array(lines[0].utf8) : Array(lines.joined(separator: ", ").utf8)
        let (commas, semicolons) = StructuredFieldScan.separators(in: bytes)
        guard commas < limits.maximumSignatures else {
            throw .tooManySignatures(count: commas + 1, limit: limits.maximumSignatures)
        }
        guard commas + semicolons < limits.maximumStructuredFieldMembers else {
            throw .tooManyMembers(
                field: name.canonicalName, count: commas + semicolons + 1, limit: limits.maximumStructuredFieldMembers)
        }
        do {
            return try StructuredDictionary.members(bytes)
        } catch {
            throw .malformed("\(name.canonicalName) is not a valid structured dictionary")
        }
    }
}

/// Why the signature fields of a message could not be read.
public enum SignatureFieldError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(String)
    case missingSignature(String)
    /// The combined field value is longer than ``SignatureLimits/maximumFieldLength``; it was not parsed.
    case fieldTooLong(field: String, length: Int, limit: Int)
    /// The field has more members and parameters than ``SignatureLimits/maximumStructuredFieldMembers``; it was not
    /// parsed.
    case tooManyMembers(field: String, count: Int, limit: Int)
    /// `Signature-Input` (or `Signature`) has more members than ``SignatureLimits/maximumSignatures``.
    case tooManySignatures(count: Int, limit: Int)
    /// One signature covers more components than ``SignatureLimits/maximumComponents``.
    case tooManyComponents(label: String, count: Int, limit: Int)

    public var description: String {
        switch self {
        case .malformed(let detail): detail
        case .missingSignature(let label): "Signature-Input names '\(label)' but Signature has no such member"
        case .fieldTooLong(let field, let length, let limit): "\(field) is \(length) bytes long (limit \(limit))"
        case .tooManyMembers(let field, let count, let limit):
            "\(field) has \(count) structured members and parameters (limit \(limit))"
        case .tooManySignatures(let count, let limit): "the message carries \(count) signatures (limit \(limit))"
        case .tooManyComponents(let label, let count, let limit):
            "signature '\(label)' covers \(count) components (limit \(limit))"
        }
    }
}

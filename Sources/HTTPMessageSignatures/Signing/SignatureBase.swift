import RawStructuredFieldValues

/// The signature base of RFC 9421 §2.5: one line per covered component, then the `@signature-params` line, joined
/// with LF and without a trailing newline.
public struct SignatureBase: Sendable, Hashable {
    /// The base as text (always ASCII, §2.5 step 4).
    public let text: String
    /// The serialized `@signature-params` value, which is also the Signature-Input member value.
    public let signatureParamsValue: String

    public var bytes: [UInt8] { Array(text.utf8) }

    /// Builds the base for `components` of `message` with `parameters`; `limits` bounds the component values and
    /// the Structured Field parsing they need.
    public init(
        message: HTTPMessage, components: [ComponentIdentifier], parameters: SignatureParameters,
        limits: SignatureLimits = .standard
    ) throws(SignatureBaseError) {
        var lines: [String] = []
        lines.reserveCapacity(components.count + 1)
        var parsing = StructuredParsing(limits: limits)
        for (index, component) in components.enumerated() {
            // §2.5 step 2.0: the same identifier twice is an error. A linear scan: a signature covers few components
            // (at most `SignatureLimits.maximumComponents`), and hashing identifiers costs more than comparing them.
            guard !components[..<index].contains(component) else { throw .duplicateComponent(component.serialized) }
            if component.name == "@signature-params" { throw .component(.unsupportedComponent(component.name)) }
            let value: String
            do {
                value = try ComponentValues.value(of: component, in: message, parsing: &parsing)
            } catch {
                throw .component(error)
            }
            lines.append("\(component.serialized): \(value)")
        }
        let paramsValue = try Self.serializeSignatureParams(components: components, parameters: parameters)
        lines.append("\"@signature-params\": \(paramsValue)")
        let text = lines.joined(separator: "\n")
        // §2.5 step 4: the base must be ASCII. Its ABNF also admits only visible characters, SP and (inside field
        // values) HTAB: an embedded line break could make two different messages share a base, and other control
        // characters are never valid in a field value (RFC 9110 §5.5). Lines are joined with LF, so LF is allowed
        // only as the separator.
        var separators = 0
        for byte in text.utf8 {
            switch byte {
            case 0x20...0x7E, 0x09: continue
            case 0x0A: separators += 1
            default: throw .nonASCII
            }
        }
        guard separators == lines.count - 1 else { throw .nonASCII }
        self.text = text
        self.signatureParamsValue = paramsValue
    }

    /// Serializes the covered components and parameters as an Inner List (§2.3).
    static func serializeSignatureParams(
        components: [ComponentIdentifier], parameters: SignatureParameters
    ) throws(SignatureBaseError) -> String {
        var inner = BareInnerList()
        for component in components { inner.append(component.item) }
        let list = InnerList(bareInnerList: inner, parameters: parameters.ordered)
        var serializer = StructuredFieldValueSerializer()
        guard let bytes = try? serializer.writeListFieldValue([.innerList(list)]) else {
            throw .invalidParameters
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Why a signature base could not be built.
public enum SignatureBaseError: Error, Sendable, Hashable, CustomStringConvertible {
    case component(ComponentError)
    case duplicateComponent(String)
    /// A component value holds a character outside printable ASCII (a non-ASCII character, a line break or another
    /// control character), §2.5 step 4.
    case nonASCII
    case invalidParameters

    public var description: String {
        switch self {
        case .component(let error): error.description
        case .duplicateComponent(let name): "component \(name) is covered twice"
        case .nonASCII: "the signature base would contain non-ASCII characters, control characters or line breaks"
        case .invalidParameters: "the signature parameters cannot be serialized"
        }
    }
}

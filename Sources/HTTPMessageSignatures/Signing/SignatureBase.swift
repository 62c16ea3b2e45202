import RawStructuredFieldValues

/// The signature base of RFC 9421 §2.5: one line per covered component, then the `@signature-params` line, joined
/// with LF and without a trailing newline.
public struct SignatureBase: Sendable, Hashable {
    /// The base as text (always ASCII, §2.5 step 4).
    public let text: String
    /// The serialized `@signature-params` value, which is also the Signature-Input member value.
    public let signatureParamsValue: String

    public var bytes: [UInt8] { Array(text.utf8) }

    /// Builds the base for `components` of `message` with `parameters`.
    public init(
        message: HTTPMessage, components: [ComponentIdentifier], parameters: SignatureParameters
    ) throws(SignatureBaseError) {
        var lines: [String] = []
        var seen: Set<ComponentIdentifier> = []
        for component in components {
            // §2.5 step 2.0: the same identifier twice is an error.
            guard seen.insert(component).inserted else { throw .duplicateComponent(component.serialized) }
            if component.name == "@signature-params" { throw .component(.unsupportedComponent(component.name)) }
            let value: String
            do {
                value = try ComponentValues.value(of: component, in: message)
            } catch {
                throw .component(error)
            }
            lines.append("\(component.serialized): \(value)")
        }
        let paramsValue = try Self.serializeSignatureParams(components: components, parameters: parameters)
        lines.append("\"@signature-params\": \(paramsValue)")
        // §2.5 step 4: the base must be ASCII; a non-ASCII field value or an embedded newline could otherwise make
        // two different messages share a base. One pass over the bytes of each line (this runs on every signature).
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            for byte in line.utf8 where byte >= 0x80 || (!isLast && (byte == 0x0A || byte == 0x0D)) {
                throw .nonASCII
            }
        }
        self.text = lines.joined(separator: "\n")
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
    case nonASCII
    case invalidParameters

    public var description: String {
        switch self {
        case .component(let error): error.description
        case .duplicateComponent(let name): "component \(name) is covered twice"
        case .nonASCII: "the signature base would contain non-ASCII characters or line breaks"
        case .invalidParameters: "the signature parameters cannot be serialized"
        }
    }
}

import RawStructuredFieldValues

/// The signature base of RFC 9421 §2.5: one line per covered component, then the `@signature-params` line, joined
/// with LF and without a trailing newline.
public struct SignatureBase: Sendable, Hashable {
    /// The base as bytes, what is signed and verified (always ASCII, §2.5 step 4).
    public let bytes: [UInt8]
    /// The serialized `@signature-params` value, which is also the Signature-Input member value.
    public let signatureParamsValue: String

    /// The base as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Builds the base for `components` of `message` with `parameters`; `limits` bounds the component values and
    /// the Structured Field parsing they need.
    public init(
        message: HTTPMessage, components: [ComponentIdentifier], parameters: SignatureParameters,
        limits: SignatureLimits = .standard
    ) throws(SignatureBaseError) {
        // Written straight into one buffer: building a String per line and joining them was a measurable part of
        // every verification (docs/performance.md).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
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
            let lineStart = bytes.count
            component.appendSerialized(to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: value.utf8)
            try Self.checkLine(bytes[lineStart...])
            bytes.append(UInt8(ascii: "\n"))
        }
        let paramsValue = try Self.serializeSignatureParams(components: components, parameters: parameters)
        let lineStart = bytes.count
        bytes.append(contentsOf: "\"@signature-params\": ".utf8)
        bytes.append(contentsOf: paramsValue)
        try Self.checkLine(bytes[lineStart...])
        self.bytes = bytes
        self.signatureParamsValue = String(decoding: paramsValue, as: UTF8.self)
    }

    /// §2.5 step 4: the base must be ASCII. Its ABNF also admits only visible characters, SP and (inside field
    /// values) HTAB: an embedded line break could make two different messages share a base, and other control
    /// characters are never valid in a field value (RFC 9110 §5.5). Lines are joined with LF, so a line holds none.
    private static func checkLine(_ line: ArraySlice<UInt8>) throws(SignatureBaseError) {
        for byte in line {
            switch byte {
            case 0x20...0x7E, 0x09: continue
            default: throw .nonASCII
            }
        }
    }

    /// Serializes the covered components and parameters as an Inner List (§2.3).
    static func serializeSignatureParams(
        components: [ComponentIdentifier], parameters: SignatureParameters
    ) throws(SignatureBaseError) -> [UInt8] {
        if let bytes = InnerListSerialization.serialize(components, parameters: parameters.ordered) { return bytes }
        var inner = BareInnerList()
        for component in components { inner.append(component.item) }
        let list = InnerList(bareInnerList: inner, parameters: parameters.ordered)
        var serializer = StructuredFieldValueSerializer()
        guard let bytes = try? serializer.writeListFieldValue([.innerList(list)]) else {
            throw .invalidParameters
        }
        return bytes
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

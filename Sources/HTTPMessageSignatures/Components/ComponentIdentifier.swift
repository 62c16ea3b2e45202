import RawStructuredFieldValues

/// A covered component identifier (RFC 9421 §2): a lowercase name (a field name or an `@`-derived component) with
/// its parameters in the order they were given.
public struct ComponentIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// Lowercased component name, e.g. `@method` or `content-digest`.
    public let name: String
    /// Parameters (`sf`, `key`, `bs`, `req`, `tr`, `name`) in their original order.
    public let parameters: OrderedMap<String, RFC9651BareItem>
    /// Whether ``parameters`` is not empty, known once: most components have none, and asking the generic map costs
    /// a few hundred instructions each time (docs/performance.md).
    let hasParameters: Bool

    public init(_ name: String, parameters: OrderedMap<String, RFC9651BareItem> = OrderedMap()) {
        self.name = name.lowercased()
        self.parameters = parameters
        hasParameters = !parameters.isEmpty
    }

    /// An identifier whose name the caller has already checked to be lowercase (the parser refuses others).
    init(lowercaseName name: String, parameters: OrderedMap<String, RFC9651BareItem>) {
        self.name = name
        self.parameters = parameters
        hasParameters = !parameters.isEmpty
    }

    public static let method = ComponentIdentifier("@method")
    public static let targetURI = ComponentIdentifier("@target-uri")
    public static let authority = ComponentIdentifier("@authority")
    public static let scheme = ComponentIdentifier("@scheme")
    public static let requestTarget = ComponentIdentifier("@request-target")
    public static let path = ComponentIdentifier("@path")
    public static let query = ComponentIdentifier("@query")
    public static let status = ComponentIdentifier("@status")

    /// `@query-param;name="…"` (§2.2.8).
    public static func queryParam(_ name: String) -> ComponentIdentifier {
        var parameters = OrderedMap<String, RFC9651BareItem>()
        parameters["name"] = .string(name)
        return ComponentIdentifier("@query-param", parameters: parameters)
    }

    /// An HTTP field, e.g. `.field("content-digest")`.
    public static func field(_ name: String) -> ComponentIdentifier { ComponentIdentifier(name) }

    /// Whether this is a derived component (§2.2) rather than an HTTP field (§2.1).
    public var isDerived: Bool { name.hasPrefix("@") }

    /// The boolean flag parameters `sf`, `bs`, `req`, `tr`.
    public func hasFlag(_ flag: String) -> Bool {
        if case .bool(true) = parameters[flag] { return true }
        return false
    }

    /// The string value of a parameter such as `key` or `name`.
    public func stringParameter(_ name: String) -> String? {
        if case .string(let value) = parameters[name] { return value }
        return nil
    }

    /// The identifier as a Structured Field Item, e.g. `"@query-param";name="Pet"`.
    var item: Item { Item(bareItem: .string(name), parameters: parameters) }

    /// The serialized identifier as it appears in a signature base line (§2.5).
    public var serialized: String {
        // Without parameters and without the two characters a String escapes, the serialization is the name in
        // quotes (RFC 9651 §4.1.6), which every signature base needs for each component (docs/performance.md).
        if isPlain { return "\"\(name)\"" }
        var serializer = StructuredFieldValueSerializer()
        // A String item with valid parameters always serializes; names were validated on construction or parsing.
        let bytes = (try? serializer.writeItemFieldValue(item)) ?? Array("\"\(name)\"".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { serialized }

    /// Whether the serialization is the name in quotes: no parameters and nothing to escape.
    private var isPlain: Bool {
        !hasParameters && !name.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }

    /// Appends ``serialized`` to a signature base being built, without an intermediate String when it is plain.
    func appendSerialized(to bytes: inout [UInt8]) {
        guard isPlain else { return bytes.append(contentsOf: serialized.utf8) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: "\""))
    }
}

extension ComponentIdentifier {
    /// §2: the order of parameters must be preserved when processing an identifier, but "is not significant when
    /// comparing two component identifiers for equality": `"foo";bar;baz` equals `"foo";baz;bar`, so the two cannot
    /// both be covered by one signature (§2.5 step 2.0), and a required component matches in either order.
    public static func == (lhs: ComponentIdentifier, rhs: ComponentIdentifier) -> Bool {
        guard lhs.name == rhs.name, lhs.hasParameters == rhs.hasParameters else { return false }
        guard lhs.hasParameters else { return true }
        guard lhs.parameters.count == rhs.parameters.count else { return false }
        return lhs.parameters.allSatisfy { name, value in rhs.parameters[name] == value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        guard hasParameters else { return }
        // Parameter keys are unique within an identifier, so sorting by key gives one canonical order.
        for (key, value) in parameters.sorted(by: { $0.0 < $1.0 }) {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}

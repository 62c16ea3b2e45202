import RawStructuredFieldValues

/// The signature parameters of RFC 9421 §2.3, kept in the order they were written or received, so the
/// `@signature-params` line of a received signature is reproduced exactly.
public struct SignatureParameters: Sendable, Hashable {
    /// Every parameter in order, including ones this library does not know. Change it only through `set(_:_:)`,
    /// which keeps `known` in step.
    public private(set) var ordered: OrderedMap<String, RFC9651BareItem>
    /// The parameters of §2.3 decoded once, always in step with `ordered`: a verifier reads them several times per
    /// signature, and each lookup in the map is a linear search through generic code (docs/performance.md).
    private var known = KnownParameters()

    public init() { ordered = OrderedMap() }

    init(ordered: OrderedMap<String, RFC9651BareItem>) {
        self.ordered = ordered
        for (name, value) in ordered { known.update(name, value) }
    }

    /// Records the typed copy of one parameter of a map that ``adopt(_:)`` then installs: for a reader that already
    /// walks the map.
    mutating func record(_ name: String, _ value: RFC9651BareItem) { known.update(name, value) }

    /// Installs `ordered` whose parameters were all passed to ``record(_:_:)``.
    mutating func adopt(_ ordered: OrderedMap<String, RFC9651BareItem>) { self.ordered = ordered }

    /// Builds parameters in the conventional order: created, expires, nonce, alg, keyid, tag.
    public init(
        created: Int64? = nil, expires: Int64? = nil, nonce: String? = nil, algorithm: SignatureAlgorithm? = nil,
        keyID: String? = nil, tag: String? = nil
    ) {
        ordered = OrderedMap()
        // Only the given ones: setting an absent parameter to nil would search the map for nothing.
        if let created { self.created = created }
        if let expires { self.expires = expires }
        if let nonce { self.nonce = nonce }
        if let algorithm { self.algorithm = algorithm.rawValue }
        if let keyID { self.keyID = keyID }
        if let tag { self.tag = tag }
    }

    /// `created`: Unix time the signature was made.
    public var created: Int64? {
        get { known.created }
        set { set("created", newValue.map { .integer($0) }) }
    }

    /// `expires`: Unix time after which the signature is no longer valid.
    public var expires: Int64? {
        get { known.expires }
        set { set("expires", newValue.map { .integer($0) }) }
    }

    public var nonce: String? {
        get { known.nonce }
        set { set("nonce", newValue.map { .string($0) }) }
    }

    /// The raw `alg` value (which may name an algorithm this library does not implement).
    public var algorithm: String? {
        get { known.algorithm }
        set { set("alg", newValue.map { .string($0) }) }
    }

    public var keyID: String? {
        get { known.keyID }
        set { set("keyid", newValue.map { .string($0) }) }
    }

    public var tag: String? {
        get { known.tag }
        set { set("tag", newValue.map { .string($0) }) }
    }

    private mutating func set(_ name: String, _ value: RFC9651BareItem?) {
        ordered[name] = value
        known.update(name, value)
    }
}

/// Typed copies of the parameters of RFC 9421 §2.3. A member is nil when its parameter is absent or has another type
/// than §2.3 gives it.
private struct KnownParameters: Sendable, Hashable {
    var created: Int64?
    var expires: Int64?
    var nonce: String?
    var algorithm: String?
    var keyID: String?
    var tag: String?

    /// Records the current value of one parameter (nil when it was removed).
    mutating func update(_ name: String, _ value: RFC9651BareItem?) {
        switch name {
        case "created": created = Self.integer(value)
        case "expires": expires = Self.integer(value)
        case "nonce": nonce = Self.string(value)
        case "alg": algorithm = Self.string(value)
        case "keyid": keyID = Self.string(value)
        case "tag": tag = Self.string(value)
        default: break
        }
    }

    private static func integer(_ value: RFC9651BareItem?) -> Int64? {
        if case .integer(let integer) = value { return integer }
        return nil
    }

    private static func string(_ value: RFC9651BareItem?) -> String? {
        if case .string(let string) = value { return string }
        return nil
    }
}

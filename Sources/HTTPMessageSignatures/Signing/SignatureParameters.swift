import RawStructuredFieldValues

/// The signature parameters of RFC 9421 §2.3, kept in the order they were written or received, so the
/// `@signature-params` line of a received signature is reproduced exactly.
public struct SignatureParameters: Sendable, Hashable {
    /// Every parameter in order, including ones this library does not know.
    public private(set) var ordered: OrderedMap<String, RFC9651BareItem>

    public init() { ordered = OrderedMap() }

    init(ordered: OrderedMap<String, RFC9651BareItem>) { self.ordered = ordered }

    /// Builds parameters in the conventional order: created, expires, nonce, alg, keyid, tag.
    public init(
        created: Int64? = nil, expires: Int64? = nil, nonce: String? = nil, algorithm: SignatureAlgorithm? = nil,
        keyID: String? = nil, tag: String? = nil
    ) {
        ordered = OrderedMap()
        self.created = created
        self.expires = expires
        self.nonce = nonce
        self.algorithm = algorithm?.rawValue
        self.keyID = keyID
        self.tag = tag
    }

    /// `created`: Unix time the signature was made.
    public var created: Int64? {
        get { integer("created") }
        set { set("created", newValue.map { .integer($0) }) }
    }

    /// `expires`: Unix time after which the signature is no longer valid.
    public var expires: Int64? {
        get { integer("expires") }
        set { set("expires", newValue.map { .integer($0) }) }
    }

    public var nonce: String? {
        get { string("nonce") }
        set { set("nonce", newValue.map { .string($0) }) }
    }

    /// The raw `alg` value (which may name an algorithm this library does not implement).
    public var algorithm: String? {
        get { string("alg") }
        set { set("alg", newValue.map { .string($0) }) }
    }

    public var keyID: String? {
        get { string("keyid") }
        set { set("keyid", newValue.map { .string($0) }) }
    }

    public var tag: String? {
        get { string("tag") }
        set { set("tag", newValue.map { .string($0) }) }
    }

    private func integer(_ name: String) -> Int64? {
        if case .integer(let value) = ordered[name] { return value }
        return nil
    }

    private func string(_ name: String) -> String? {
        if case .string(let value) = ordered[name] { return value }
        return nil
    }

    private mutating func set(_ name: String, _ value: RFC9651BareItem?) {
        ordered[name] = value
    }
}

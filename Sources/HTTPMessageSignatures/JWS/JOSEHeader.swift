/// The protected header of a JWS (RFC 7515 §4): the registered members this library acts on, typed, and every
/// other member in the order it was received (or is to be written).
public struct JOSEHeader: Sendable, Hashable {
    /// `alg` (§4.1.1), REQUIRED. Verification compares it with the key's algorithm; it never selects one.
    public var alg: String
    /// `typ` (§4.1.9).
    public var typ: String?
    /// `kid` (§4.1.4).
    public var kid: String?
    /// `crit` (§4.1.11): extension members the recipient must understand.
    public var crit: [String]?
    /// Every other member (extension or registered members this library does not act on, such as `cty`).
    public var members: [Member]

    public init(alg: String, typ: String? = nil, kid: String? = nil, crit: [String]? = nil, members: [Member] = []) {
        self.alg = alg
        self.typ = typ
        self.kid = kid
        self.crit = crit
        self.members = members
    }

    /// One named member.
    public struct Member: Sendable, Hashable {
        public var name: String
        public var value: Value

        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// A JSON value (RFC 8259). Numbers without a fraction or exponent that fit 64 bits are integers.
    public indirect enum Value: Sendable, Hashable {
        case string(String)
        case integer(Int64)
        case number(Double)
        case bool(Bool)
        case null
        case array([Value])
        case object([Member])
    }

    /// The member named `name` among ``members`` (the typed ones are properties).
    public subscript(name: String) -> Value? {
        members.first { $0.name == name }?.value
    }

    /// The names ``alg``, ``typ``, ``kid`` and ``crit`` are kept in; never among ``members``.
    static let typedNames: Set<String> = ["alg", "typ", "kid", "crit"]
}

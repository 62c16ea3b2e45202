/// What each RFC 9767 example is. Every block of the fixture appears here exactly once (a test checks it), so a
/// forgotten example cannot slip through.
public enum RFC9767ExampleRole: Sendable, Hashable {
    /// §3.2: an RS-facing call shown for its `resource_server` member (the path `/continue` is the draft's).
    case resourceServerIdentification
    /// §3.3: an introspection request from an RS.
    case introspectionRequest
    /// §3.3: the AS's introspection response.
    case introspectionResponse
    /// §3.4: a resource set registration from an RS.
    case registrationRequest
    /// §3.4: the AS's registration response.
    case registrationResponse
    /// §3.4: a client's grant request that asks for a registered resource set by its reference.
    case grantRequestWithResourceReference
    /// §3.5: an RS-facing error, in the string or the object form.
    case errorResponse
    /// §4: an RS asking for a derived token with `existing_access_token`.
    case chainingRequest
}

public struct RFC9767ExampleEntry: Sendable {
    public var id: String
    public var role: RFC9767ExampleRole
    /// Where the example departs from the normative text, and the smallest repair.
    public var errata: Set<RFC9767Erratum>
    /// Anything else about the example a reader should know, and where it is covered.
    public var note: String?

    init(id: String, role: RFC9767ExampleRole, errata: Set<RFC9767Erratum> = [], note: String? = nil) {
        self.id = id
        self.role = role
        self.errata = errata
        self.note = note
    }
}

public enum RFC9767ExampleCatalog {
    static let legacyDigest =
        "it shows the obsolete `Digest` field (RFC 3230); RFC 9635 §7.3.1 signs `Content-Digest` (RFC 9530)"

    public static let entries: [RFC9767ExampleEntry] = [
        .init(
            id: "L500", role: .resourceServerIdentification,
            note: "the content is the bare member (a fragment); its secp256k1 key has no RFC 9421 algorithm, so "
                + "validation refuses it with invalid_resource_server"),
        .init(id: "L524", role: .resourceServerIdentification),
        .init(
            id: "L547", role: .resourceServerIdentification,
            note: "with a resource server management access token in `Authorization: GNAP` (§3.2)"),
        .init(id: "L616", role: .introspectionRequest, note: legacyDigest),
        .init(id: "L706", role: .introspectionResponse, errata: [.missingIssuer]),
        .init(id: "L767", role: .registrationRequest, errata: [.accessRightWithoutType], note: legacyDigest),
        .init(id: "L821", role: .registrationResponse),
        .init(id: "L841", role: .grantRequestWithResourceReference),
        .init(
            id: "L876", role: .errorResponse, errata: [.unquotedMemberName],
            note: "the string form; re-encoding writes the object form, which every reader of either form accepts"),
        .init(id: "L894", role: .errorResponse),
        .init(
            id: "L976", role: .chainingRequest, errata: [.accessRightWithoutType],
            note: "proved with a detached JWS (`Detached-JWS`, RFC 9635 §7.3.3) instead of httpsig"),
    ]

    public static func entry(_ id: String) -> RFC9767ExampleEntry {
        guard let entry = entries.first(where: { $0.id == id }) else { fatalError("\(id) is not catalogued") }
        return entry
    }

    /// The ids of the examples with this role.
    public static func ids(_ role: RFC9767ExampleRole) -> [String] {
        entries.filter { $0.role == role }.map(\.id)
    }
}

import GNAP

/// What each example block of RFC 9635 is, and what this AS must answer when a client sends it. Every block of the
/// fixture appears here exactly once (a test checks it), so a new or forgotten example cannot slip through.
enum RFCExampleRole: Sendable {
    /// A grant request (§2) or a piece of one, sent to the grant endpoint after the test signs it with its own key.
    case grantRequest(GrantOutcome)
    /// A continuation request (§5.1, §5.2): POST to the continuation URI, with or without `interact_ref`.
    case continuation
    /// A grant modification (§5.3): PATCH on the continuation URI.
    case modification
    /// Revoking the grant (§5.4): DELETE on the continuation URI.
    case cancellation
    /// Token management (§6): rotate (POST, optionally with a new key, §6.1.1) or revoke (DELETE).
    case tokenManagement
    /// A response of the AS (§3, §5, §6): the client library must decode it.
    case response
    /// A response example that contradicts the normative text; the client library refuses it, naming the member.
    case nonConformingResponse(member: String, because: String)
    /// Anything else (signature bases, keys, hashes, messages to a client or an RS), with where it is covered.
    case other(String)
}

/// What the AS answers a grant request example with.
enum GrantOutcome: Sendable, Equatable {
    /// 200: an interaction is needed; `continue` and the requested start modes answered.
    case pending
    /// Refused with this §3.6 code; the reason says why this AS refuses it.
    case refused(GNAPError.Code, because: String)
}

struct RFCExampleEntry: Sendable {
    var id: String
    var role: RFCExampleRole
    var errata: Set<RFCExampleErratum> = []
}

enum RFCExampleCatalog {
    static let noMTLS =
        "the example's key is proven by mtls (§7.3.2) with the RFC's certificate, which this test cannot present"
    static let noJWS =
        "the example's key is proven by JWS (§7.3.3, §7.3.4) with the RFC's key, whose private half is not published"
    static let noCert =
        "the example's key is the RFC's certificate (`cert`, §7.1), whose private key is not published"
    static let noInteraction =
        "§2.5: a request without `interact` when the AS needs a person it cannot reach is `invalid_interaction`"
    static let draftSubjectName =
        "its `subject` uses the draft name `formats`, so it asks for nothing (§2.2 needs `sub_id_formats`)"
    static let placeholderAssertion =
        "its id_token is the placeholder `eyj...`, not an assertion this AS issued (§2.4: assertions are validated)"
    static let noAccess = "its token has no `access`, which §3.2.1 requires"
    static let manageString =
        "its `manage` is the draft's string; §3.2.1 defines an object with `uri` and `access_token`"
    static let userCodeObject = "its `user_code` is the draft's object; §3.3.3 defines a string"
    static let noKeyReference = "the key reference names no key this AS knows (§7.1.1)"

    static let entries: [RFCExampleEntry] = [
        // §2 Requesting access
        .init(id: "L918", role: .grantRequest(.pending)),
        .init(id: "L1027", role: .grantRequest(.pending)),
        .init(id: "L1086", role: .grantRequest(.pending)),
        .init(id: "L1166", role: .grantRequest(.pending)),
        .init(id: "L1214", role: .grantRequest(.pending)),
        .init(id: "L1280", role: .grantRequest(.pending)),
        .init(id: "L1308", role: .grantRequest(.pending)),
        .init(id: "L1368", role: .grantRequest(.refused(.unknownUser, because: placeholderAssertion))),
        .init(id: "L1420", role: .grantRequest(.pending)),
        .init(id: "L1477", role: .grantRequest(.pending)),
        .init(id: "L1495", role: .grantRequest(.pending)),
        .init(
            id: "L1509",
            role: .grantRequest(
                .refused(
                    .invalidInteraction, because: "no start mode, and this AS cannot reach the RO on its own (§2.5)"))),
        .init(id: "L1574", role: .grantRequest(.pending)),
        .init(id: "L1595", role: .grantRequest(.pending)),
        .init(id: "L1619", role: .grantRequest(.pending)),
        .init(id: "L1641", role: .grantRequest(.pending)),
        .init(id: "L1725", role: .grantRequest(.pending)),
        .init(id: "L1755", role: .grantRequest(.pending)),
        .init(id: "L1796", role: .grantRequest(.pending)),
        // §3 Grant response
        .init(id: "L1840", role: .response),
        .init(id: "L1861", role: .nonConformingResponse(member: "access_token.access", because: noAccess)),
        .init(id: "L1885", role: .response),
        .init(id: "L1938", role: .response),
        .init(id: "L2095", role: .response),
        .init(id: "L2131", role: .response),
        .init(id: "L2159", role: .response, errata: [.arrayClosedWithBrace]),
        .init(id: "L2193", role: .response),
        .init(id: "L2260", role: .response),
        .init(id: "L2289", role: .response),
        .init(id: "L2322", role: .response),
        .init(id: "L2381", role: .response),
        .init(id: "L2418", role: .response),
        .init(id: "L2475", role: .response),
        .init(id: "L2570", role: .nonConformingResponse(member: "access_token.access", because: noAccess)),
        .init(id: "L2647", role: .response),
        .init(id: "L2658", role: .response),
        // §4 Interaction finish and hash
        .init(id: "L3012", role: .other("the redirect to the client's finish URI; InteractionFinishTests")),
        .init(id: "L3054", role: .other("the AS's push to the client (§4.2.2); InteractionFinishTests")),
        .init(id: "L3096", role: .other("interaction hash input (§4.2.3); InteractionHashTests")),
        .init(id: "L3117", role: .other("interaction hash, sha-256 (§4.2.3); InteractionHashTests")),
        .init(id: "L3125", role: .other("interaction hash, sha3-512 (§4.2.3); InteractionHashTests")),
        // §5 Continuation
        .init(id: "L3170", role: .continuation),
        .init(id: "L3189", role: .continuation),
        .init(id: "L3205", role: .continuation),
        .init(id: "L3257", role: .continuation),
        .init(id: "L3289", role: .nonConformingResponse(member: "access_token.access", because: noAccess)),
        .init(id: "L3316", role: .response),
        .init(id: "L3338", role: .continuation),
        .init(id: "L3360", role: .response),
        .init(id: "L3375", role: .nonConformingResponse(member: "access_token.access", because: noAccess)),
        .init(id: "L3403", role: .response),
        .init(id: "L3473", role: .grantRequest(.pending)),
        .init(id: "L3503", role: .response),
        .init(id: "L3526", role: .modification, errata: [.ellipsis]),
        .init(id: "L3552", role: .response),
        .init(id: "L3573", role: .grantRequest(.pending)),
        .init(id: "L3602", role: .response),
        .init(id: "L3628", role: .modification),
        .init(id: "L3667", role: .cancellation),
        // §6 Token management
        .init(id: "L3691", role: .nonConformingResponse(member: "access_token.access", because: noAccess)),
        .init(id: "L3731", role: .tokenManagement),
        .init(id: "L3768", role: .response),
        .init(id: "L3827", role: .tokenManagement),
        .init(id: "L3872", role: .tokenManagement),
        .init(id: "L3884", role: .other("the 204 answer to a revocation; TokenManagementTests")),
        // §7 Securing requests
        .init(id: "L3961", role: .grantRequest(.pending)),
        .init(id: "L3976", role: .grantRequest(.refused(.invalidClient, because: noCert))),
        .init(id: "L3996", role: .grantRequest(.refused(.invalidClient, because: noKeyReference))),
        .init(id: "L4042", role: .other("a request to an RS with a bound token, not to the AS")),
        .init(id: "L4061", role: .other("a bearer token presented to an RS, not to the AS")),
        .init(id: "L4101", role: .grantRequest(.pending)),
        .init(id: "L4116", role: .grantRequest(.pending)),
        .init(
            id: "L4155", role: .other("the RSA private key of the §7.3 examples; HTTPMessageSignaturesTests vectors")),
        .init(id: "L4220", role: .grantRequest(.pending)),
        .init(id: "L4234", role: .grantRequest(.pending)),
        .init(id: "L4278", role: .grantRequest(.pending), errata: [.missingComma]),
        .init(id: "L4321", role: .other("Content-Digest of L4278 (RFC 9530); conformance vectors")),
        .init(id: "L4327", role: .other("the signature base of L4343 (§7.3.1); conformance vectors")),
        .init(id: "L4343", role: .grantRequest(.pending), errata: [.missingComma]),
        .init(id: "L4421", role: .tokenManagement),
        .init(id: "L4452", role: .other("the gnap-rotate signature base (§7.3.1.1); RotationSignatureTests")),
        .init(id: "L4473", role: .tokenManagement),
        .init(id: "L4517", role: .grantRequest(.refused(.invalidClient, because: noMTLS))),
        .init(
            id: "L4529", role: .grantRequest(.refused(.invalidRequest, because: draftSubjectName)),
            errata: [.foldedWithoutHeader, .missingComma]),
        .init(id: "L4621", role: .grantRequest(.refused(.invalidClient, because: noJWS))),
        .init(id: "L4672", role: .other("a detached JWS header (§7.3.3)")),
        .init(
            id: "L4685", role: .grantRequest(.refused(.invalidClient, because: noJWS)),
            errata: [.missingComma]),
        .init(id: "L4728", role: .other("the access token hash of a detached JWS (§7.3.3)")),
        .init(
            id: "L4734", role: .grantRequest(.refused(.invalidClient, because: noJWS)),
            errata: [.missingComma]),
        .init(id: "L4820", role: .grantRequest(.refused(.invalidClient, because: noJWS))),
        .init(id: "L4874", role: .other("an attached JWS header (§7.3.4)")),
        .init(
            id: "L4887", role: .grantRequest(.refused(.invalidRequest, because: draftSubjectName)),
            errata: [.missingComma]),
        .init(id: "L4934", role: .other("an attached JWS message: its content is a JWS, not JSON; see L4887")),
        // §8 Access rights
        .init(id: "L5062", role: .grantRequest(.pending)),
        .init(id: "L5104", role: .grantRequest(.pending)),
        .init(id: "L5150", role: .grantRequest(.pending), errata: [.unquotedMemberName]),
        .init(id: "L5195", role: .grantRequest(.pending)),
        .init(id: "L5220", role: .grantRequest(.pending)),
        .init(id: "L5261", role: .grantRequest(.pending)),
        .init(id: "L5269", role: .grantRequest(.pending)),
        // §9 Discovery
        .init(id: "L5379", role: .other("an RS's WWW-Authenticate challenge (§9.1), not a request to the AS")),
        .init(id: "L5392", role: .grantRequest(.refused(.invalidInteraction, because: noInteraction))),
        // Appendix B examples
        .init(
            id: "L7473",
            role: .grantRequest(
                .refused(.invalidRequest, because: "its access object has no `type`, which §8 requires (an erratum)"))),
        .init(id: "L7532", role: .response, errata: [.missingComma]),
        .init(id: "L7559", role: .other("the AS's redirect of the browser to its interaction page")),
        .init(id: "L7573", role: .other("the redirect back to the client's finish URI; InteractionFinishTests")),
        .init(id: "L7592", role: .continuation),
        .init(id: "L7611", role: .nonConformingResponse(member: "access_token.manage", because: manageString)),
        .init(id: "L7661", role: .grantRequest(.pending)),
        .init(id: "L7690", role: .nonConformingResponse(member: "interact.user_code", because: userCodeObject)),
        .init(id: "L7731", role: .continuation),
        .init(id: "L7747", role: .response),
        .init(id: "L7768", role: .continuation),
        .init(id: "L7783", role: .nonConformingResponse(member: "access_token.manage", because: manageString)),
        .init(id: "L7811", role: .grantRequest(.refused(.invalidClient, because: noMTLS))),
        .init(id: "L7836", role: .nonConformingResponse(member: "access_token.manage", because: manageString)),
        .init(id: "L7862", role: .grantRequest(.refused(.invalidInteraction, because: noInteraction))),
        .init(id: "L7919", role: .response),
        .init(id: "L7942", role: .continuation),
        .init(id: "L7957", role: .response),
        .init(id: "L7977", role: .continuation),
        .init(id: "L7991", role: .nonConformingResponse(member: "access_token.manage", because: manageString)),
        .init(id: "L8025", role: .other("an OAuth-style redirect shown for comparison (Appendix C)")),
        .init(id: "L8043", role: .grantRequest(.pending)),
    ]

    static func entry(_ id: String) -> RFCExampleEntry {
        guard let entry = entries.first(where: { $0.id == id }) else { fatalError("\(id) is not catalogued") }
        return entry
    }
}

import GNAP

/// The content of a grant modification (RFC 9635 §5.3), merged into the grant's request: "Fields that aren't
/// included in the request are considered unchanged from the original request."
struct ModificationRequest: Sendable {
    /// The members a modification may change.
    static let modifiable = ["access_token", "subject", "user", "interact"]

    /// What the client sent, as a grant request (members it left out are nil).
    let changes: GrantRequest
    /// The request after the modification, validated like a new request.
    let merged: ValidatedGrantRequest

    init(body: [UInt8], original: GrantRequest, policy: GrantRequestPolicy) throws(APIError) {
        guard !body.isEmpty else {
            throw APIError(
                GNAPError(.invalidRequest, "a modification is a JSON object with the fields to change (RFC 9635 §5.3)"))
        }
        let object: [String: JSONValue]
        do {
            // Its own sentence for a null top-level member below; a null deeper is refused when decoding the request.
            object = try GNAPJSON.decodeRequest([String: JSONValue].self, from: body, allowingNull: true)
        } catch {
            throw APIError(GNAPError(.invalidRequest, "modification content must be a JSON object"))
        }
        // §5.3: "The client instance MUST NOT include the `client` section of the request".
        if object["client"] != nil {
            throw APIError(
                GNAPError(
                    .invalidRequest,
                    "'client' must not be included: a modification cannot change the client instance (RFC 9635 §5.3)"))
        }
        // §5.3: "The client instance MUST NOT include post-interaction responses".
        if object["interact_ref"] != nil {
            throw APIError(
                GNAPError(
                    .invalidRequest,
                    "'interact_ref' must not be included in a modification; send it with POST (RFC 9635 §5.1)"))
        }
        for name in Self.modifiable where object[name] == .null {
            throw APIError(GNAPError(.invalidRequest, "'\(name)' must not be null; leave it out to keep it unchanged"))
        }
        guard Self.modifiable.contains(where: { object[$0] != nil }) else {
            throw APIError(
                GNAPError(
                    .invalidRequest,
                    "a modification must include at least one of 'access_token', 'subject', 'user', 'interact'"))
        }
        do {
            changes = try GNAPJSON.decodeRequest(GrantRequest.self, from: body)
        } catch {
            throw APIError(error)
        }
        var request = original
        if let accessToken = changes.accessToken { request.accessToken = accessToken }
        if let subject = changes.subject { request.subject = subject }
        if let user = changes.user { request.user = user }
        // §5.3: a new `interact` "replaces any values from a previous request".
        if let interact = changes.interact { request.interact = interact }
        do {
            merged = try GrantRequestValidator(policy: policy).validate(request)
        } catch {
            throw APIError(error)
        }
    }
}

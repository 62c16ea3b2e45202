import GNAP

/// Replaces the resource references of a grant request (RFC 9767 §3.4: "The client instance can then use the
/// `resource_reference` value as a string-type access reference") with the rights they stand for, so the approver
/// reviews, approves in part and the token carries what the reference means; and notes the token format a set
/// requires (§3.4 `token_formats_supported`). Reference strings that name no registered set are left to the
/// access catalog.
struct ResourceSetExpander: Sendable {
    let servers: any ResourceServerStore

    func expand(_ request: ValidatedGrantRequest) async throws(APIError) -> ValidatedGrantRequest {
        var expanded = request
        (expanded.tokens, expanded.tokenFormats) = try await expand(request.tokens)
        return expanded
    }

    /// The token requests with registered references replaced, and the format each token must have (nil: any).
    func expand(_ tokens: [AccessTokenRequest]) async throws(APIError) -> ([AccessTokenRequest], [String?]) {
        var expanded = tokens
        var formats: [String?] = []
        do {
            for (index, token) in tokens.enumerated() {
                var access: [AccessRight] = []
                var format: String?
                for right in token.access {
                    guard case .reference(let reference) = right,
                        let set = try await servers.resourceSet(reference: reference)
                    else {
                        if !access.contains(right) { access.append(right) }
                        continue
                    }
                    for member in set.access where !access.contains(member) { access.append(member) }
                    // Registration kept only formats this AS issues; any listed one is the one to use.
                    if let required = set.tokenFormats?.first { format = required }
                }
                expanded[index].access = access
                formats.append(format)
            }
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up resource sets"))
        }
        return (expanded, formats)
    }
}

import GNAP

/// The account an asynchronous request is addressed to (RFC 9635 §1.6.3: "the client instance can also signal which
/// RO it requires authorization from ... by using the subject request and user request sections").
extension UserResolver {
    /// The one enabled account that every identifier the AS can check names (an `opaque` subject or user reference,
    /// an `email` address, this AS's `iss_sub`, a verified `id_token`'s subject). No account, several, or identifiers
    /// that disagree are `unknown_user` (§3.6): the AS does not know which one person to ask.
    func account(for user: RequestedUser) async throws(APIError) -> Account {
        var found: [String: Account] = [:]
        var unmatched: [String] = []
        do {
            var everyone: [Account]?
            for identifier in user.subIDs {
                let matches: [Account]
                switch identifier.format {
                case "opaque":
                    matches =
                        try await accounts.account(opaqueSubject: identifier.members["id"] ?? "").map { [$0] } ?? []
                case "iss_sub" where identifier.members["iss"] == publicURL.base:
                    matches =
                        try await accounts.account(opaqueSubject: identifier.members["sub"] ?? "").map { [$0] } ?? []
                case "email":
                    if everyone == nil { everyone = try await accounts.accounts() }
                    matches = (everyone ?? []).filter { identifier.identifies($0, issuer: publicURL.base) == true }
                default:
                    continue
                }
                if matches.isEmpty { unmatched.append(identifier.format) }
                for account in matches { found[account.id] = account }
            }
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up the user"))
        }
        guard found.count <= 1 else {
            throw APIError(
                GNAPError(
                    .unknownUser,
                    "the 'user' identifiers match \(found.count) different accounts; name exactly one user"))
        }
        guard let account = found.values.first, unmatched.isEmpty, user.matches(account, issuer: publicURL.base)
        else {
            throw APIError(
                GNAPError(
                    .unknownUser,
                    unmatched.isEmpty && found.isEmpty
                        ? "the request names no user this AS can identify (use an opaque id, an email address or an "
                            + "id_token it issued)"
                        : "the AS knows no single user with these identifiers"))
        }
        guard !account.disabled else {
            throw APIError(GNAPError(.unknownUser, "the AS knows no single user with these identifiers"))
        }
        return account
    }
}

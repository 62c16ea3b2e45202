import GNAP

/// Resolves the end user a grant request names (RFC 9635 §2.4 `user`, §2.2 `subject.sub_ids`) when it arrives.
///
/// - A user reference (§2.4.1) is this AS's `opaque` subject identifier of an account (the value it releases in
///   `sub_ids`); one it does not know is `unknown_user` at once, as §2.4.1 requires.
/// - Subject identifiers by value are hints (§2.4: never authoritative); they are kept and checked against the
///   approving account when the decision is made.
/// - An `id_token` assertion must be one this AS issued (§2.4 SHOULD validate): it must verify with the AS's
///   assertion key, name this AS as issuer and not have expired, else `unknown_user`; its subject then names the
///   user. Assertions in other formats (e.g. `saml2`) cannot be verified here and are ignored (listed in the review as
///   ignored).
struct UserResolver: Sendable {
    let accounts: any AccountStore
    let policy: GrantRequestPolicy
    let assertionKey: AssertionSigningKey
    let publicURL: PublicURL
    /// Against which an assertion's `exp` is checked.
    let clock: AnyWallClock

    func resolve(_ request: GrantRequest) async throws(APIError) -> RequestedUser? {
        var identifiers = request.subject?.subIDs ?? []
        var reference: String?
        var verified: [String] = []
        var ignored: [String] = []
        switch request.user {
        case nil:
            break
        case .reference(let value):
            guard try await knownReference(value) else {
                throw APIError(GNAPError(.unknownUser, "the user reference is not known to this AS"))
            }
            reference = value
            identifiers.append(.opaque(value))
        case .value(let user):
            identifiers += user.subIDs ?? []
            for assertion in user.assertions ?? [] {
                guard assertion.format == AssertionFormat.idToken,
                    policy.supportedAssertionFormats.contains(AssertionFormat.idToken)
                else {
                    ignored.append(assertion.format)
                    continue
                }
                let claims: IDTokenClaims
                do {
                    claims = try assertionKey.verifyIDToken(assertion.value, issuer: publicURL.base)
                } catch {
                    throw APIError(
                        GNAPError(.unknownUser, "the id_token assertion is not one this AS issued (\(error))"))
                }
                try Self.requireUnexpired(claims, at: clock.now)
                identifiers.append(.opaque(claims.sub))
                verified.append(assertion.format)
            }
        }
        guard !identifiers.isEmpty || !ignored.isEmpty else { return nil }
        return RequestedUser(
            subIDs: identifiers, reference: reference, verifiedAssertionFormats: verified,
            ignoredAssertionFormats: ignored)
    }

    /// §2.4 lists "verifying the time window for the assertion" among the usual checks: an expired `id_token` no
    /// longer names anyone here (the client gets a fresh one with its next approved grant).
    static func requireUnexpired(_ claims: IDTokenClaims, at now: WallInstant) throws(APIError) {
        guard now.unixSeconds < claims.exp else {
            throw APIError(
                GNAPError(
                    .unknownUser,
                    "the id_token assertion expired at \(WallInstant(unixSeconds: claims.exp).iso8601); ask for a fresh "
                        + "one (subject assertion_formats [\"id_token\"] in an approved grant)"))
        }
    }

    private func knownReference(_ reference: String) async throws(APIError) -> Bool {
        do {
            guard let account = try await accounts.account(opaqueSubject: reference) else { return false }
            return !account.disabled
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up the user"))
        }
    }
}

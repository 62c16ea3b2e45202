import GNAP

/// Builds the access tokens for an approved selection (RFC 9635 §3.2): only the approved rights, bound to the
/// client's key, each with a management URI and token (§3.2.1 `manage`, §6), values returned once and stored only as
/// hashes. Each value is made in its format (RFC 9767 §2.2) by the ``TokenMinter``.
struct TokenIssuer {
    /// Fresh secrets for one token: its management token.
    struct Secrets: Sendable {
        var management = GNAP.Secrets.token()
    }

    let records: [AccessTokenRecord]
    let response: AccessTokenResponses?

    /// `subject` is the resource owner's identifier when the approval released subject information (RFC 9767
    /// §2.1.9).
    init(
        grant: GrantRecord, selection: ApprovalSelection, secrets: [Secrets], now: WallInstant, lifetime: Duration,
        durability: DurableTokenPolicy, minter: TokenMinter, subject: String?, manageURI: (String) -> String
    ) throws {
        var records: [AccessTokenRecord] = []
        var tokens: [AccessTokenResponse] = []
        for (index, request) in grant.tokens.enumerated() {
            let approved = index < selection.rights.count ? selection.rights[index] : []
            let access = approved.sorted().compactMap { $0 < request.access.count ? request.access[$0] : nil }
            guard !access.isEmpty else { continue }
            let secret = secrets[index]
            // §3.2.1 flags: `bearer` only as asked (and allowed by validation), `durable` as the AS decides.
            var flags = (request.flags ?? []).filter { $0 == AccessTokenFlag.bearer }
            if durability.isDurable(access) { flags.append(AccessTokenFlag.durable) }
            var record = AccessTokenRecord(
                id: GNAP.Secrets.identifier(), grantID: grant.id, tokenHash: "",
                managementTokenHash: GNAP.Secrets.hash(secret.management), label: request.label, access: access,
                flags: flags, boundKey: flags.contains(AccessTokenFlag.bearer) ? nil : grant.clientKey, issuedAt: now,
                expiresAt: now.advanced(by: lifetime))
            record.subject = subject
            let format = grant.tokenFormats.flatMap { index < $0.count ? $0[index] : nil }
            let value = try minter.mint(
                &record, format: minter.format(requiring: format), instanceID: grant.instanceID)
            records.append(record)
            tokens.append(
                Self.response(
                    for: record, value: value, management: secret.management, manageURI: manageURI(record.id),
                    now: now))
        }
        self.records = records
        if case .multiple = grant.request.accessToken {
            response = tokens.isEmpty ? nil : .multiple(tokens)
        } else {
            response = tokens.first.map { .single($0) }
        }
    }

    /// The §3.2.1 object for a token record (also used after rotation, §6.1).
    static func response(
        for record: AccessTokenRecord, value: String, management: String, manageURI: String, now: WallInstant
    ) -> AccessTokenResponse {
        AccessTokenResponse(
            value: value, label: record.label,
            manage: TokenManagement(uri: manageURI, accessToken: TokenValue(value: management)), access: record.access,
            expiresIn: record.expiresAt.map { Int(now.duration(to: $0).components.seconds) },
            flags: record.flags.isEmpty ? nil : record.flags)
    }
}

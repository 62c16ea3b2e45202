import GNAP

/// Builds the access tokens for an approved selection (RFC 9635 §3.2): only the approved rights, bound to the
/// client's key, each with a management URI and token (§3.2.1 `manage`, §6), values returned once and stored only as
/// hashes.
struct TokenIssuer {
    /// Fresh secrets for one token: its value and its management token.
    struct Secrets: Sendable {
        var value = GNAP.Secrets.token()
        var management = GNAP.Secrets.token()
    }

    let records: [AccessTokenRecord]
    let response: AccessTokenResponses?

    init(
        grant: GrantRecord, selection: ApprovalSelection, secrets: [Secrets], now: WallInstant, lifetime: Duration,
        durability: DurableTokenPolicy, manageURI: (String) -> String
    ) {
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
            let record = AccessTokenRecord(
                id: GNAP.Secrets.identifier(), grantID: grant.id, tokenHash: GNAP.Secrets.hash(secret.value),
                managementTokenHash: GNAP.Secrets.hash(secret.management), label: request.label, access: access,
                flags: flags, boundKey: flags.contains(AccessTokenFlag.bearer) ? nil : grant.clientKey, issuedAt: now,
                expiresAt: now.advanced(by: lifetime))
            records.append(record)
            tokens.append(
                Self.response(
                    for: record, value: secret.value, management: secret.management, manageURI: manageURI(record.id),
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

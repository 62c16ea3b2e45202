import GNAP

/// Builds the access tokens for an approved selection (RFC 9635 §3.2): only the approved rights, bound to the
/// client's key, values returned once and stored only as hashes.
struct TokenIssuer {
    let records: [AccessTokenRecord]
    let response: AccessTokenResponses?

    init(grant: GrantRecord, selection: ApprovalSelection, values: [String], now: WallInstant, lifetime: Duration) {
        var records: [AccessTokenRecord] = []
        var tokens: [AccessTokenResponse] = []
        for (index, request) in grant.tokens.enumerated() {
            let approved = index < selection.rights.count ? selection.rights[index] : []
            let access = approved.sorted().compactMap { $0 < request.access.count ? request.access[$0] : nil }
            guard !access.isEmpty else { continue }
            let value = values[index]
            let flags = (request.flags ?? []).filter { $0 == "bearer" }
            records.append(
                AccessTokenRecord(
                    id: Secrets.identifier(), grantID: grant.id, tokenHash: Secrets.hash(value), label: request.label,
                    access: access, flags: flags,
                    boundKeyThumbprint: flags.contains("bearer") ? nil : grant.clientKey.thumbprint,
                    issuedAt: now, expiresAt: now.advanced(by: lifetime)))
            tokens.append(
                AccessTokenResponse(
                    value: value, label: request.label, access: access,
                    expiresIn: Int(lifetime.components.seconds), flags: flags.isEmpty ? nil : flags))
        }
        self.records = records
        if case .multiple = grant.request.accessToken {
            response = tokens.isEmpty ? nil : .multiple(tokens)
        } else {
            response = tokens.first.map { .single($0) }
        }
    }
}

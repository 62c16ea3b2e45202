import GNAP

/// Builds what an approver sees from a stored grant, with the AS's descriptions of each right.
enum ReviewBuilder {
    /// The review `approver` sees; `issuer` is the AS's base URL (for matching `iss_sub` identifiers). A right a
    /// known resource server serves names that server (RFC 9767 §3.4: a resource reference arrives expanded into the
    /// rights it stands for), vetted when the operator registered it.
    static func review(
        of grant: GrantRecord, catalog: AccessCatalog, servers: ResourceServerDirectory = ResourceServerDirectory(),
        approver: Account, issuer: String
    ) -> InteractionReview {
        let tokens = grant.tokens.enumerated().map { tokenIndex, token in
            TokenReview(
                label: token.label, flags: token.flags ?? [],
                rights: token.access.enumerated().map { rightIndex, right in
                    RightReview(
                        id: "\(tokenIndex).\(rightIndex)", right: right,
                        description: describe(right, catalog: catalog, servers: servers))
                })
        }
        let subject = grant.request.subject.map { request in
            SubjectReview(subIDFormats: grant.subjectFormats, assertionFormats: grant.assertionFormats ?? [])
        }
        let user = grant.requestedUser.map { user in
            UserReview(
                subIDs: user.subIDs, reference: user.reference, verifiedAssertionFormats: user.verifiedAssertionFormats,
                ignoredAssertionFormats: user.ignoredAssertionFormats,
                matchesApprover: !user.namesAUser || user.matches(approver, issuer: issuer))
        }
        return InteractionReview(
            grantID: grant.id, status: grant.lifecycle.status, client: client(of: grant), tokens: tokens,
            subject: subject, requestedAt: grant.lifecycle.createdAt, requestedFrom: grant.requestedFrom,
            expiresAt: grant.lifecycle.interactionExpiresAt, user: user, uiLocales: grant.uiLocales,
            finish: grant.finish.map { FinishReview(method: $0.method, uri: $0.uri) }, agent: grant.agent,
            asynchronous: grant.lifecycle.inbox?.accountID == approver.id ? true : nil)
    }

    /// The client as the approver sees it.
    static func client(of grant: GrantRecord) -> ClientReview {
        ClientReview(
            instanceID: grant.instanceID, display: grant.clientDisplay,
            // Dynamic instances assert their own display information; only pre-registered ones are vetted.
            vetted: grant.clientVetted ?? false, keyThumbprint: grant.clientKey.thumbprint,
            proofMethod: grant.clientKey.proof.method, algorithm: grant.clientKey.algorithm.rawValue)
    }

    /// The catalog's description of a right, followed by the resource server that serves it, if one is known.
    static func describe(_ right: AccessRight, catalog: AccessCatalog, servers: ResourceServerDirectory) -> String? {
        let described = catalog.description(of: right)
        guard let server = servers.servers(concerning: right).first else { return described }
        let name =
            server.registered
            ? "served by \(server.displayName ?? server.id) (vetted resource server)"
            : "served by resource server \(server.id) (not vetted: trusted on first use)"
        return described.map { "\($0); \(name)" } ?? name
    }

    /// Turns right identifiers ("0.1") into a per-token selection; unknown identifiers are an error.
    static func selection(_ request: ApprovalRequest, of grant: GrantRecord) throws(GNAPError) -> ApprovalSelection {
        var rights = grant.tokens.map { _ in [Int]() }
        for id in Set(request.rights) {
            let parts = id.split(separator: ".").compactMap { Int($0) }
            guard parts.count == 2, parts[0] >= 0, parts[0] < grant.tokens.count, parts[1] >= 0,
                parts[1] < grant.tokens[parts[0]].access.count
            else { throw GNAPError(.invalidRequest, "unknown right '\(id)'") }
            rights[parts[0]].append(parts[1])
        }
        for format in request.subjectFormats where !grant.subjectFormats.contains(format) {
            throw GNAPError(.invalidRequest, "subject format '\(format)' was not requested")
        }
        for format in request.assertionFormats where !(grant.assertionFormats ?? []).contains(format) {
            throw GNAPError(.invalidRequest, "assertion format '\(format)' was not requested")
        }
        var assertions: [String] = []
        for format in request.assertionFormats where !assertions.contains(format) { assertions.append(format) }
        return ApprovalSelection(
            rights: rights.map { $0.sorted() }, subjectFormats: request.subjectFormats, assertionFormats: assertions)
    }
}

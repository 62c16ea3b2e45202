import GNAP

/// How a new grant request reaches its decision.
struct GrantRoute: Sendable {
    enum Kind: Sendable {
        /// The operator's standing access covers it (RFC 9635 §1.6.4): approved and delivered at once.
        case standingAccess(ApprovalSelection)
        /// Addressed to the named user's inbox (§1.6.3); `interactive` when the client offered an interaction too,
        /// so the request can be reached both ways and the first decision wins.
        case inbox(Account, interactive: Bool)
        /// Pending an interaction the client starts (§2.5).
        case interaction
    }

    var kind: Kind
    /// The agent the operator vetted for the client, if it is one.
    var vettedAgent: VettedAgent?
}

/// Decides the route of a grant request from the operator's policy (``ClientPolicy`` per registered client,
/// ``AsynchronousPolicy`` for the rest) and the user it names, and holds what the asynchronous and standing-access
/// routes need.
struct GrantRouting: Sendable {
    let asynchronous: AsynchronousPolicy
    let clientPolicies: [String: ClientPolicy]
    let accounts: any AccountStore
    let inbox: any InboxStore
    let step: GrantStep
    let issuance: GrantIssuance
    /// Woken after a grant is created or changed, so that inbox and admin streams send it at once.
    let wakeup: FeedWakeup

    func route(
        _ validated: ValidatedGrantRequest, instance: ClientInstanceRecord, user: RequestedUser?, users: UserResolver
    ) async throws(APIError) -> GrantRoute {
        let policy = instance.registered ? clientPolicies[instance.id] : nil
        try checkAgentClaim(validated.request.agent, instance: instance)
        var route = GrantRoute(kind: .interaction, vettedAgent: policy?.agent)
        // §1.6.4: no person is involved, so neither a user nor subject information may be part of it.
        if let policy, user == nil, validated.request.subject == nil, policy.standingAccessCovers(validated.tokens) {
            route.kind = .standingAccess(
                ApprovalSelection(rights: validated.tokens.map { Array($0.access.indices) }, subjectFormats: []))
            return route
        }
        let mayAsk = policy?.allowsAsynchronous ?? (!instance.registered && asynchronous.allowsDynamicClients)
        if validated.interacts {
            // Reached through the client's interaction in any case; through the named user's inbox as well when the
            // operator allows it and the user is known, unambiguous and has a terminal.
            guard mayAsk, let user, user.namesAUser, let account = try? await users.account(for: user),
                try await hasTerminal(account)
            else { return route }
            route.kind = .inbox(account, interactive: true)
            return route
        }
        guard let user, user.namesAUser else {
            throw APIError(
                GNAPError(
                    .invalidInteraction,
                    (policy?.standingAccess.isEmpty == false
                        ? "the request asks for more than this client's standing access, so a person must approve it; "
                        : "")
                        + "add 'interact' for the resource owner to approve it, or name the user ('user') if the AS "
                        + "operator lets this client ask asynchronously"))
        }
        guard mayAsk else {
            throw APIError(
                GNAPError(
                    .invalidInteraction,
                    "the AS operator does not let this client send asynchronous requests (requests without "
                        + "'interact'); add 'interact'"))
        }
        let account = try await users.account(for: user)
        guard try await hasTerminal(account) else {
            throw APIError(
                GNAPError(
                    .invalidInteraction,
                    "the named user has no enrolled approver terminal, so the AS cannot ask them; add 'interact'"))
        }
        route.kind = .inbox(account, interactive: false)
        return route
    }

    /// Whether the account has an enrolled, unrevoked approver device to deliver to.
    private func hasTerminal(_ account: Account) async throws(APIError) -> Bool {
        do {
            return try await accounts.devices(accountID: account.id).contains { $0.revokedAt == nil }
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up the user"))
        }
    }

    /// A self-asserted agent may not take the name of an agent the operator vetted for another client: that would
    /// borrow its standing with approvers.
    private func checkAgentClaim(_ asserted: AgentDescription?, instance: ClientInstanceRecord) throws(APIError) {
        guard let name = asserted?.name.lowercased() else { return }
        for (id, policy) in clientPolicies where !(instance.registered && id == instance.id) {
            if let vetted = policy.agent, vetted.name.lowercased() == name {
                throw APIError(
                    GNAPError(
                        .invalidRequest,
                        "'gnapterm_agent.name' claims '\(vetted.name)', an agent the AS operator vetted for another "
                            + "client; a client cannot claim another's agent"))
            }
        }
    }
}

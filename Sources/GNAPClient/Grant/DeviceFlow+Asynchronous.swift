import GNAP

/// The asynchronous flow (RFC 9635 §1.6.3): the request names a user and carries no `interact`; the AS asks that
/// user on their own terminal while the device polls.
extension DeviceFlow {
    /// Builds an asynchronous request: the access rights, this client's key and display, the user it is for
    /// (`user.sub_ids`, §2.4) and, if given, what the agent behind it says of itself (`gnapterm_agent`).
    public func asynchronousRequest(
        access: [AccessTokenRequest], display: ClientDisplay?, user: SubjectIdentifier, agent: AgentDescription? = nil
    ) throws(GNAPClientError) -> GrantRequest {
        GrantRequest(
            accessToken: access.count == 1 ? .single(access[0]) : .multiple(access),
            client: .value(ClientInstanceValue(key: try client.clientKey(), display: display)),
            user: .value(UserValue(subIDs: [user])), agent: agent)
    }

    /// Reports whom the request waits for and until when, then polls (§5.2) until the AS decides.
    func waitForApproval(
        _ request: GrantRequest, response: GrantResponse, continuation: ContinueResponse,
        onEvent: @Sendable (Event) async -> Void
    ) async throws -> Outcome {
        let receivedAt = clock.now
        let lifetime = Duration.seconds(response.asynchronousExpiresIn ?? 600)
        let interaction = DeviceInteraction(
            approver: Self.approverLabel(request.user), expiresAt: receivedAt.advanced(by: lifetime))
        await onEvent(.interaction(interaction))
        let deadline = interaction.expiresAt.advanced(by: .seconds((continuation.wait ?? 5) * 2 + 5))
        return try await poll(continuation, deadline: deadline, onEvent: onEvent)
    }

    /// How the device names the user it waits for: an e-mail address or opaque id as given.
    static func approverLabel(_ user: UserRequest?) -> String {
        switch user {
        case .reference(let reference)?: return reference
        case .value(let value)?:
            guard let first = value.subIDs?.first else { return "the user" }
            return first.members["email"] ?? first.members["id"] ?? first.members["sub"] ?? "the user"
        case nil: return "the user"
        }
    }
}

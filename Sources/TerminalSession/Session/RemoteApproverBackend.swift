import GNAP
import GNAPClient
import Synchronization

/// The approver app's backend: the AS's interaction API over signed HTTP, plus the local decision history.
public struct RemoteApproverBackend<C: Clock & Sendable>: ApproverBackend where C.Instant == WallInstant {
    public let store: any ApproverStore
    public let clock: C
    /// The signing client and the identity it signs for; replaced together when the device key is rotated.
    let session: Session

    /// `resealer` seals a rotated key like the current one (kept from unlocking a sealed key; nil when unsealed).
    public init(
        client: InteractionClient, store: any ApproverStore, identity: ApproverIdentity, clock: C,
        resealer: KeySeal.Resealer? = nil
    ) {
        self.store = store
        self.clock = clock
        session = Session(client: client, identity: identity, resealer: resealer)
    }

    public var client: InteractionClient { session.state.withLock { $0.client } }
    public var identity: ApproverIdentity { session.state.withLock { $0.identity } }

    final class Session: Sendable {
        struct State: Sendable {
            var client: InteractionClient
            var identity: ApproverIdentity
            var resealer: KeySeal.Resealer?
        }

        let state: Mutex<State>

        init(client: InteractionClient, identity: ApproverIdentity, resealer: KeySeal.Resealer?) {
            state = Mutex(State(client: client, identity: identity, resealer: resealer))
        }
    }

    public var identityDescription: String { "\(identity.username) @ \(identity.server)" }

    public func enterCode(_ code: UserCode) async throws(ApproverFailure) -> InteractionReview {
        try await withCurrentKey { client throws(GNAPClientError) in try await client.enterCode(code) }
    }

    public func openInteraction(_ interaction: String) async throws(ApproverFailure) -> InteractionReview {
        try await withCurrentKey { client throws(GNAPClientError) in try await client.openInteraction(interaction) }
    }

    public func approve(_ review: InteractionReview, request: ApprovalRequest) async throws(ApproverFailure)
        -> DecisionResponse
    {
        let response = try await withCurrentKey { client throws(GNAPClientError) in
            try await client.approve(grantID: review.grantID, request)
        }
        try await record(
            DecisionRecord(
                approving: review, with: request, id: Secrets.identifier(), decidedAt: clock.now,
                server: identity.server))
        return response
    }

    public func deny(_ review: InteractionReview, reason: String) async throws(ApproverFailure) -> DecisionResponse {
        let response = try await withCurrentKey { client throws(GNAPClientError) in
            try await client.deny(grantID: review.grantID, reason: reason)
        }
        try await record(
            DecisionRecord(
                denying: review, reason: reason, id: Secrets.identifier(), decidedAt: clock.now,
                server: identity.server))
        return response
    }

    public func history(limit: Int) async throws(ApproverFailure) -> [DecisionRecord] {
        do {
            return try await store.decisions(limit: limit)
        } catch {
            throw ApproverFailure(code: nil, message: "cannot read the local history: \(error)")
        }
    }

    private func record(_ decision: DecisionRecord) async throws(ApproverFailure) {
        do {
            try await store.recordDecision(decision)
        } catch {
            // The AS has the decision; only the local copy is missing. Say so rather than hide it.
            throw ApproverFailure(
                code: nil, message: "the decision was sent, but saving it to the local history failed: \(error)")
        }
    }

    static func failure(_ error: GNAPClientError) -> ApproverFailure {
        ApproverFailure(
            code: error.gnapError?.code.rawValue, message: error.gnapError?.errorDescription ?? error.description,
            retryAfter: error.retryAfter)
    }
}

import GNAP
import HTTPMessageSignatures
import Logging

/// The grant endpoint (RFC 9635 §2, §3): validates, checks the key proof, then creates the grant the way its route
/// says (``GrantRoute``): approved at once by standing access (§1.6.4), addressed to a user's inbox (§1.6.3),
/// pending an interaction (§2.5), or both of the last two.
struct GrantService: Sendable {
    let grants: any GrantStore
    let clients: any ClientInstanceStore
    let proof: ClientProof
    let users: UserResolver
    /// What grant requests may ask for.
    let policy: GrantRequestPolicy
    /// The AS's access-right descriptions; it may refuse reference strings it does not define.
    let catalog: AccessCatalog
    /// Registered resource references → the rights they stand for (RFC 9767 §3.4).
    let expander: ResourceSetExpander
    /// RFC 9767 §4: requests with `existing_access_token` come from an RS deriving a token.
    let chaining: TokenChainingService
    /// How long the interaction (the user code, the inbox entry) stays usable.
    let interactionLifetime: Duration
    /// The `wait` of every `continue` (§3.1).
    let pollInterval: Int
    let userCodePepper: [UInt8]
    let clock: AnyWallClock
    let publicURL: PublicURL
    let logger: Logger
    /// Asynchronous requests: who may send them, the inbox store and its limits; standing access per client.
    let routing: GrantRouting

    func create(_ signed: SignedRequest) async throws(APIError) -> GrantResponse {
        if TokenChainingService.isChainingRequest(signed.body) { return try await chaining.derive(signed) }
        var validated: ValidatedGrantRequest
        do {
            validated = try GrantRequestValidator(policy: policy).validate(body: signed.body)
        } catch {
            throw APIError(error)
        }
        validated = try await expander.expand(validated)
        do {
            // §8.1: reference strings are the AS's own; the catalog may refuse ones it does not define.
            try catalog.checkReferences(in: validated.tokens)
        } catch {
            throw APIError(error)
        }
        let resolved = try await resolveInstance(validated)
        // §7.3.1: the request must be signed by the key it presents, over the required components. Nothing is
        // written before this: an unsigned request must not be able to grow the store.
        try await proof.verify(signed, key: resolved.instance.key)
        // §2.4: after the signature, so an unauthenticated caller learns nothing about user references.
        let user = try await users.resolve(validated.request)
        let route = try await routing.route(validated, instance: resolved.instance, user: user, users: users)
        let instance = try await store(resolved)
        do {
            let draft = GrantDraft(validated, instance: instance, user: user, peer: signed.peer, route: route)
            switch route.kind {
            case .standingAccess(let selection):
                return try await createApproved(draft, selection: selection)
            case .inbox(let account, let interactive):
                return try await createInInbox(draft, account: account, interactive: interactive)
            case .interaction:
                return try await createPending(draft)
            }
        } catch let error as APIError {
            throw error
        } catch {
            logger.error(
                "grant creation failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not store the request"))
        }
    }

    /// A grant waiting for a person (an interaction, an inbox, or both): inserted pending, answered with `continue`
    /// and the interaction it offers.
    func createPending(_ draft: GrantDraft) async throws -> GrantResponse {
        var lastError: (any Error)?
        // A code collision (1 in 2^40 per live code) would violate the UNIQUE index; draw again.
        for _ in 0..<3 {
            let pending = draft.pending(self, addressee: nil)
            do {
                try await grants.insertGrant(pending.record, audit: [pending.audit])
            } catch {
                lastError = error
                continue
            }
            routing.wakeup.signal()
            return pending.response
        }
        throw lastError ?? APIError(GNAPError(.requestDenied, "could not allocate a user code"))
    }
}

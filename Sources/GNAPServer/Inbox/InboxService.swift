import GNAP
import Hummingbird

/// The inbox of the interaction API (Assets/openapi.yaml): the asynchronous requests (RFC 9635 §1.6.3) waiting for the
/// signed-in account, live as an event stream, opening one for review, and lifting the block of a client the person
/// kept denying (§13). Decisions go through the interaction API's approve and deny, like a request reached by code.
struct InboxService: Sendable {
    let authenticator: ApproverAuthenticator
    let inbox: any InboxStore
    let administration: any AdministrationStore
    let step: GrantStep
    let feed: InboxEventFeed
    let catalog: AccessCatalog
    let publicURL: PublicURL
    let configuration: EventStreamConfiguration
    let wakeup: FeedWakeup
    /// How much one page of the snapshot lists.
    let page: InboxPageLimits

    var clock: AnyWallClock { step.clock }

    /// `GET /interact/v1/inbox[?cursor=…]`: one page of the waiting requests, oldest first, from the start or from
    /// the `next_cursor` of the previous page.
    func snapshot(_ request: Request, _ signed: SignedRequest) async throws(APIError) -> InboxPage {
        let approver = try await authenticator.authenticate(signed)
        let parameters = try request.queryDictionary()
        var cursor: GrantCursor?
        if let text = parameters["cursor"] {
            guard let parsed = GrantCursor(text) else {
                throw APIError(
                    GNAPError(
                        .invalidRequest, "'cursor' is not one this AS gave: use the previous page's 'next_cursor'"))
            }
            cursor = parsed
        }
        let now = clock.now
        do {
            // The position first: whatever happens after it comes through the stream (again, at worst).
            let latest = try await administration.latestAuditEntryID()
            let waiting = try await inbox.inboxGrants(
                accountID: approver.account.id, at: now, after: cursor, limit: page.items + 1)
            let blocks = try await inbox.inboxBlocks(
                accountID: approver.account.id, streakLimit: feed.limits.denialsBeforeBlock)
            let listed = try InboxPage.make(waiting: waiting, blocks: blocks, latestEventID: latest, limits: page)
            try await feed.recordDeliveries(listed.listed, to: approver, at: now)
            return listed
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not read the inbox"))
        }
    }

    /// `GET /interact/v1/inbox/events`.
    func events(_ request: Request, _ signed: SignedRequest) async throws(APIError) -> Response {
        let approver = try await authenticator.authenticate(signed)
        let parameters = try request.queryDictionary()
        let follow = try EventStreamResponse.follow(parameters)
        let administration = administration
        let position = try await EventStreamResponse.position(request, parameters) {
            try await administration.latestAuditEntryID()
        }
        let authenticator = authenticator
        return EventStreamResponse.make(
            feed.start(
                approver: approver, configuration: configuration, after: position, follow: follow,
                reauthorize: { await authenticator.reauthorize(approver) }, wakeup: wakeup))
    }

    /// `POST /interact/v1/inbox/{grant}/open`: the review of a request in the approver's inbox; the first time a
    /// terminal opens it is recorded (`inbox.seen`).
    func open(grantID: String, _ signed: SignedRequest) async throws(APIError) -> InteractionReview {
        let approver = try await authenticator.authenticate(signed)
        let ref = approver.ref
        let record = try await step.run(grantID: grantID, refusals: Self.refusal) { change in
            let firstHere = !(change.record.lifecycle.inbox?.seen.contains { $0.deviceID == ref.deviceID } ?? false)
            try change.require(.inboxOpened(by: ref), yields: .interactionBound)
            if firstHere {
                change.audit(.inboxSeen, "opened from the inbox of device \(ref.deviceID)", accountID: ref.accountID)
            }
            return change.record
        }
        return ReviewBuilder.review(of: record, catalog: catalog, approver: approver.account, issuer: publicURL.base)
    }

    /// `POST /interact/v1/inbox/blocks/{client}/lift`.
    func liftBlock(instanceID: String, _ signed: SignedRequest) async throws(APIError) -> InboxBlockList {
        let approver = try await authenticator.authenticate(signed)
        let account = approver.account
        let streak = feed.limits.denialsBeforeBlock
        let now = clock.now
        do {
            guard
                try await inbox.inboxBlocks(accountID: account.id, streakLimit: streak)
                    .contains(where: { $0.instanceID == instanceID })
            else {
                throw APIError(GNAPError(.notFound, "you do not block client '\(instanceID)'"))
            }
            try await inbox.liftInboxBlock(
                instanceID: instanceID, accountID: account.id, at: now,
                audit: [
                    AuditEvent(
                        grantID: nil, at: now, kind: .inboxUnblocked,
                        detail: "\(account.username) lifted the block of client \(instanceID): its asynchronous "
                            + "requests reach them again", accountID: account.id)
                ])
            wakeup.signal()
            return InboxBlockList(blocks: try await inbox.inboxBlocks(accountID: account.id, streakLimit: streak))
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not lift the block"))
        }
    }

    /// What an approver is told when opening an inbox request fails.
    static func refusal(_ action: GrantAction) -> APIError {
        guard case .refuse(let refusal) = action else { return GrantStep.approverRefusal(action) }
        switch refusal {
        case .alreadyDecided:
            return APIError(GNAPError(.alreadyDecided, "this request was already decided and left your inbox"))
        case .expired:
            return APIError(GNAPError(.interactionExpired, "this request expired and left your inbox"))
        case .cancelled:
            return APIError(GNAPError(.interactionExpired, "the client withdrew this request"))
        default:
            return GrantStep.approverRefusal(action)
        }
    }
}

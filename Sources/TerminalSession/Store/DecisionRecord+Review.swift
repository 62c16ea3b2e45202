import GNAP

extension DecisionRecord {
    /// The history record of approving `review` with `request`, with the same renderings the screens show.
    public init(
        approving review: InteractionReview,
        with request: ApprovalRequest,
        id: String,
        decidedAt: WallInstant,
        server: String
    ) {
        let summary = ApprovalSummary(review: review, request: request)
        self.init(
            id: id, decidedAt: decidedAt, server: server, grantID: review.grantID,
            clientName: review.client.display?.name ?? "(no name given)", clientURI: review.client.display?.uri,
            keyThumbprint: review.client.keyThumbprint, decision: .approved,
            grantedRights: summary.granted.map(\.displaySummary),
            withheldRights: summary.withheld.map(\.displaySummary),
            releasedSubject: summary.releasedSubjectFormats + summary.releasedAssertionFormats, reason: nil,
            grantedAccess: summary.granted.map(\.right), withheldAccess: summary.withheld.map(\.right))
    }

    /// The history record of denying `review` for `reason`.
    public init(denying review: InteractionReview, reason: String, id: String, decidedAt: WallInstant, server: String) {
        self.init(
            id: id, decidedAt: decidedAt, server: server, grantID: review.grantID,
            clientName: review.client.display?.name ?? "(no name given)", clientURI: review.client.display?.uri,
            keyThumbprint: review.client.keyThumbprint, decision: .denied, grantedRights: [],
            withheldRights: review.allRights.map(\.displaySummary), releasedSubject: [], reason: reason,
            grantedAccess: [], withheldAccess: review.allRights.map(\.right))
    }
}

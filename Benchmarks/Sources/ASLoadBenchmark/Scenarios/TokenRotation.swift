import GNAP

/// `POST {manage.uri}` (RFC 9635 §6.1): rotate N access tokens, each once (the management token rotates too).
///
/// The tokens come from the AS's own flow, through its APIs, untimed: an approver device enters each grant's code
/// (or the code-lookup scenario already did), the same device approves it (`POST /interact/v1/grants/{id}/approve`), and the client
/// polls its continuation once to receive the token. Nothing is written to the AS database directly.
enum TokenRotation {
    struct IssuedToken: Sendable {
        var clientIndex: Int
        var managePath: String
        var managementToken: String
        /// The access token's value (what an RS introspects).
        var value: String
    }

    static func run(_ context: BenchmarkContext, boundGrants: [PendingGrant]?, count: Int) async throws
        -> LoadMeasurement
    {
        let tokens = try await issueTokens(context, boundGrants: boundGrants, count: count)
        let created = WallClock().now
        let requests = try tokens.map { token in
            try RequestSigner.sign(
                method: .post, path: token.managePath, authority: context.authority, body: [],
                authorization: token.managementToken, key: context.fleet.clients[token.clientIndex].key,
                profile: .gnap, created: created, nonce: Secrets.identifier()
            ).request
        }
        return try await context.measure(
            LoadRun(
                name: ScenarioName.rotate.rawValue, requests: requests,
                expectation: .init(
                    contains: [#""manage":{"access_token":{"value":""#, #""expires_in":"#], lacks: [#""error""#]),
                unit: "rotation"))
    }

    static func issueTokens(_ context: BenchmarkContext, boundGrants: [PendingGrant]?, count: Int)
        async throws -> [IssuedToken]
    {
        var grants = Array((boundGrants ?? []).prefix(count))
        if grants.count < count {
            let (entries, more) = try CodeLookup.entries(
                for: try await context.createPendingGrants(count - grants.count), context)
            let answers = try await context.setup.sendAll(count: entries.count) { entries[$0] }
            for answer in answers { _ = try SetupClient.decode(InteractionReview.self, answer, "code entry") }
            grants += more
        }
        let approvers = context.approvers
        let authority = context.authority
        let approval = try GNAPJSON.encode(ApprovalRequest(rights: ["0.0"], subjectFormats: []))
        let decisions = try await context.setup.sendAll(count: grants.count) { [grants] index in
            try approvers[grants[index].approverIndex ?? 0].sign(
                .post, "/interact/v1/grants/\(grants[index].id)/approve", body: approval, authority: authority,
                created: WallClock().now
            ).request
        }
        for decision in decisions {
            let answer = try SetupClient.decode(DecisionResponse.self, decision, "approval")
            guard answer.status == .approved else { throw BenchmarkFailure("approval answered \(answer.status)") }
        }
        let wait = Duration.seconds(context.options.pollInterval)
        if let newest = grants.map(\.createdAt).max() {
            try await Task.sleep(until: newest + wait + .milliseconds(500))
        }
        let fleet = context.fleet
        let polls = try await context.setup.sendAll(count: grants.count) { [grants] index in
            let grant = grants[index]
            return try RequestSigner.sign(
                method: .post, path: grant.continuePath, authority: authority, body: [],
                authorization: grant.continuationToken, key: fleet.clients[grant.clientIndex].key, profile: .gnap,
                created: WallClock().now, nonce: nil
            ).request
        }
        return try zip(grants, polls).map { grant, poll in
            let answer = try SetupClient.decode(GrantResponse.self, poll, "continuation after approval")
            guard let token = answer.accessToken?.tokens.first, let manage = token.manage,
                manage.uri.hasPrefix(context.baseURL)
            else { throw BenchmarkFailure("no manageable access token in \(poll.text.prefix(300))") }
            return IssuedToken(
                clientIndex: grant.clientIndex, managePath: String(manage.uri.dropFirst(context.baseURL.count)),
                managementToken: manage.accessToken.value, value: token.value)
        }
    }
}

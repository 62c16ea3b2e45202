/// The terminal side's local state: the approver's enrolled device key and the decision history.
public protocol ApproverStore: ApproverKeyStore {
    func approverIdentity(server: String) async throws -> ApproverIdentity?
    func saveApproverIdentity(_ identity: ApproverIdentity) async throws
    func recordDecision(_ decision: DecisionRecord) async throws
    /// Most recent first.
    func decisions(limit: Int) async throws -> [DecisionRecord]
    /// The decisions in which every word of `query` occurs (as a word or the start of one: client, grant, server,
    /// rights, subject formats, decision, reason), most recent first.
    func searchDecisions(matching query: String, limit: Int) async throws -> [DecisionRecord]
}

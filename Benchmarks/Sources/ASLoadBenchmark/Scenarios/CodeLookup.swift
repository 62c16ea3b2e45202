import GNAP

/// `POST /interact/v1/code` (the approver API, Assets/openapi.yaml): the approver devices of ``ApproverPool`` enter
/// the user codes of N pending grants, each once. Every code is valid and no device has more than a few entries in
/// flight, so nothing counts against the per-device or AS-wide failure limits; every answer must be the review of
/// the grant the code belongs to (the interaction is now bound to that device).
enum CodeLookup {
    /// Returns the measurement and the grants, now bound to the approver (token rotation approves them).
    static func run(_ context: BenchmarkContext, count: Int) async throws -> (LoadMeasurement, [PendingGrant]) {
        let (requests, grants) = try entries(for: try await context.createPendingGrants(count), context)
        let measurement = try await context.measure(
            LoadRun(
                name: ScenarioName.code.rawValue, requests: requests,
                expectation: .init(contains: [#""grant_id":""#, #""tokens":["#], lacks: [#""error""#]),
                unit: "code"))
        return (measurement, grants)
    }

    /// The signed code entries, entry `i` by approver device `i % approvers` (approver API signatures are valid for
    /// two minutes: sign just before sending), and the grants with the device that will have entered each code.
    static func entries(for grants: [PendingGrant], _ context: BenchmarkContext) throws
        -> ([RawRequest], [PendingGrant])
    {
        let created = WallClock().now
        var bound = grants
        let requests = try grants.indices.map { index in
            let device = index % context.approvers.count
            bound[index].approverIndex = device
            return try context.approvers[device].sign(
                .post, "/interact/v1/code",
                body: try GNAPJSON.encode(CodeEntryRequest(userCode: grants[index].userCode)),
                authority: context.authority, created: created
            ).request
        }
        return (requests, bound)
    }
}

import GNAP

/// What every scenario works with: the running AS, the clients and the approver devices, the set-up client, wrk, and
/// how many grants the AS holds so far (the admin listing tops it up to `--listed-grants`).
final class BenchmarkContext {
    let options: Options
    let server: ASProcess
    let fleet: ClientFleet
    /// The admin's device (signs the admin API).
    let approver: ApproverIdentity
    /// The approver accounts' devices (sign code entries and approvals).
    let approvers: [ApproverIdentity]
    /// The pre-registered RS that introspects tokens.
    let resourceServer: BenchmarkResourceServer
    let setup: SetupClient
    let runner: WrkRunner
    /// Grants created so far; also the index of the next client request, so the clients take turns across runs.
    var grantsCreated = 0

    init(
        options: Options, server: ASProcess, fleet: ClientFleet, approver: ApproverIdentity,
        approvers: [ApproverIdentity], resourceServer: BenchmarkResourceServer, setup: SetupClient, runner: WrkRunner
    ) {
        self.options = options
        self.server = server
        self.fleet = fleet
        self.approver = approver
        self.approvers = approvers
        self.resourceServer = resourceServer
        self.setup = setup
        self.runner = runner
    }

    var authority: String { server.authority }
    var baseURL: String { server.baseURL }

    /// Creates `count` pending grants through the set-up client and returns what later requests need.
    func createPendingGrants(_ count: Int) async throws -> [PendingGrant] {
        let grants = try await GrantFactory.create(
            count: count, firstIndex: grantsCreated, fleet: fleet, client: setup, authority: authority,
            baseURL: baseURL)
        grantsCreated += count
        return grants
    }

    /// Runs a load and fails loudly if it lost answers or got answers other than the expected ones.
    func measure(_ load: LoadRun) async throws -> LoadMeasurement {
        let measurement = try await runner.run(load)
        if let problem = measurement.problem {
            throw BenchmarkFailure("\(load.name): \(problem)")
        }
        return measurement
    }
}

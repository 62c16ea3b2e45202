import GNAP

/// `GET /admin/v1/grants?limit=500[&cursor=…]` (the admin API, signed by the admin's device): paging through every
/// grant of an AS that holds `--listed-grants` of them.
///
/// Grants still missing are created first through the grant endpoint by a set-up wrk run (no nonces). Then one
/// sequential walk with the set-up client collects the cursors and is timed as an admin would see it; the timed wrk
/// run requests every page of the listing `--listing-passes` times, each request signed once.
enum AdminListing {
    static let pageSize = 500

    struct Walk: Sendable {
        var pages: Int
        var grants: Int
        var seconds: Double
    }

    static func run(_ context: BenchmarkContext) async throws -> (LoadMeasurement, Walk) {
        let missing = context.options.listedGrants - context.grantsCreated
        if missing > 0 {
            Report.progress(
                try await GrantCreation.run(context, count: missing, name: "setup-grants-to-list", nonces: false))
        }
        let (paths, walk) = try await walkOnce(context)
        guard walk.grants >= context.options.listedGrants else {
            throw BenchmarkFailure("the listing walked \(walk.grants) grants, expected \(context.options.listedGrants)")
        }
        let created = WallClock().now
        var requests: [RawRequest] = []
        for _ in 0..<context.options.listingPasses {
            for path in paths {
                requests.append(
                    try context.approver.sign(.get, path, authority: context.authority, created: created).request)
            }
        }
        let measurement = try await context.measure(
            LoadRun(
                name: ScenarioName.list.rawValue, requests: requests,
                expectation: .init(contains: [#"{"grants":[{"#], lacks: [#""error""#]),
                unit: "page of \(pageSize)"))
        return (measurement, walk)
    }

    /// Pages through the whole listing one request after another; returns every page's path.
    private static func walkOnce(_ context: BenchmarkContext) async throws -> ([String], Walk) {
        var paths: [String] = []
        var grants = 0
        var cursor: String?
        let start = ContinuousClock.now
        repeat {
            let path = "/admin/v1/grants?limit=\(pageSize)" + (cursor.map { "&cursor=\($0)" } ?? "")
            paths.append(path)
            let signed = try context.approver.sign(.get, path, authority: context.authority, created: WallClock().now)
            let page = try SetupClient.decode(GrantList.self, try await context.setup.send(signed.request), "listing")
            grants += page.grants.count
            cursor = page.nextCursor
        } while cursor != nil
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (paths, Walk(pages: paths.count, grants: grants, seconds: seconds))
    }
}

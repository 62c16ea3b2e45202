import Foundation

/// Load benchmark of the authorization server (docs/performance.md, "AS throughput"): starts a release
/// `gnapterm serve` on a fresh data directory, drives pre-signed requests through it with wrk, and reports
/// throughput, latency and the AS's CPU per request next to the bare Ed25519 verification of the same run.
@main
struct ASLoadBenchmark {
    static func main() async {
        let options: Options
        do {
            options = try Options(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(2)
        }
        do {
            try await run(options)
        } catch {
            FileHandle.standardError.write(Data("ASLoadBenchmark failed: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ options: Options) async throws {
        Report.header(options)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("as-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let resourceServer = try BenchmarkResourceServer()
        let registry = work.appendingPathComponent("resource-servers.json")
        try resourceServer.registryFile().write(to: registry)
        let servers = try await startServers(options, work: work, resourceServers: registry)
        let server = servers[0]
        let cleanup = InterruptionCleanup(servers: servers)
        let setup = SetupClient(baseURL: server.baseURL)
        defer { withExtendedLifetime(cleanup) {} }
        do {
            try await measureAll(
                options, servers: servers, resourceServer: resourceServer, setup: setup, work: work)
        } catch {
            try? await setup.shutdown()
            for server in servers { server.stop() }
            say("data directory and AS output kept in \(work.path)")
            throw error
        }
        try await setup.shutdown()
        for server in servers { server.stop() }
        if options.keepData {
            say("data directory and AS output kept in \(work.path)")
        } else {
            try? FileManager.default.removeItem(at: work)
        }
    }

    /// The AS: one instance on SQLite or on a fresh schema of `--database`, or `--instances` on that schema, the first
    /// started alone (it creates the first admin account) and every other answering under its public URL.
    private static func startServers(_ options: Options, work: URL, resourceServers: URL) async throws -> [ASProcess] {
        let database = options.database.map { url in
            let schema = "as_load_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            return url + (url.contains("?") ? "&" : "?") + "schema=" + schema
        }
        var servers: [ASProcess] = []
        do {
            for instance in 0..<options.instances {
                servers.append(
                    try await ASProcess.start(
                        gnapterm: options.gnapterm, workDirectory: work, pollInterval: options.pollInterval,
                        resourceServers: resourceServers, callgrindOutput: options.callgrindOutput,
                        callgrindPreload: options.callgrindPreload, instance: instance, database: database,
                        databasePasswordFile: options.databasePasswordFile, publicURL: servers.first?.baseURL,
                        port: instance == 0 ? 0 : try FreePort.loopback()))
            }
        } catch {
            for server in servers { server.stop() }
            throw error
        }
        return servers
    }

    private static func measureAll(
        _ options: Options, servers: [ASProcess], resourceServer: BenchmarkResourceServer, setup: SetupClient,
        work: URL
    ) async throws {
        let server = servers[0]
        try await waitUntilAnswering(setup)
        for (index, instance) in servers.enumerated() {
            say(
                "AS instance \(index): pid \(instance.pid), listening on \(instance.address), public URL "
                    + "\(instance.baseURL), data directory \(instance.dataDirectory.path)")
        }
        let fleet = try ClientFleet(count: options.clients)
        let approver = try await ApproverIdentity.enroll(
            code: try server.bootstrapCode(), role: .admin, authority: server.authority, client: setup)
        let approvers = try await ApproverPool.create(
            count: options.approvers, admin: approver, authority: server.authority, client: setup)
        let bare = try BareVerification(fleet: fleet, authority: server.authority)
        let bareAtStart = try bare.measure(total: .milliseconds(options.bareMilliseconds))
        Report.bare("start", bareAtStart)
        var runner = WrkRunner(
            wrk: options.wrk, lua: options.lua, connections: options.connections, threads: options.threads,
            workDirectory: work, servers: servers, postgresPID: options.postgresPID)
        if options.callgrindOutput != nil {
            runner.callgrind = CallgrindControl(pid: server.pid)
            say("the AS runs under callgrind: times and CPU figures below are not the AS's, the profile counts")
        }
        let context = BenchmarkContext(
            options: options, server: server, fleet: fleet, approver: approver, approvers: approvers,
            resourceServer: resourceServer, setup: setup, runner: runner)
        var measurements: [LoadMeasurement] = []
        var boundGrants: [PendingGrant]?
        var walk: AdminListing.Walk?
        for scenario in ScenarioName.allCases where options.scenarios.contains(scenario) {
            say("running \(scenario.rawValue) …")
            let measurement: LoadMeasurement
            switch scenario {
            case .floor: measurement = try await HTTPFloor.run(context, count: options.requests)
            case .create: measurement = try await GrantCreation.run(context, count: options.requests)
            case .poll: measurement = try await ContinuationPolling.run(context, count: options.requests)
            case .code: (measurement, boundGrants) = try await CodeLookup.run(context, count: options.requests)
            case .rotate:
                measurement = try await TokenRotation.run(context, boundGrants: boundGrants, count: options.requests)
            case .introspect: measurement = try await TokenIntrospection.run(context, count: options.requests)
            case .list:
                let listing = try await AdminListing.run(context)
                (measurement, walk) = (listing.0, listing.1)
            }
            Report.progress(measurement)
            measurements.append(measurement)
        }
        let bareAtEnd = try bare.measure(total: .milliseconds(options.bareMilliseconds))
        Report.bare("end", bareAtEnd)
        // The faster of the two: the machine's capability with the least interference, so ratios err high.
        let reference = bareAtStart.bareMicroseconds <= bareAtEnd.bareMicroseconds ? bareAtStart : bareAtEnd
        Report.results(measurements, bare: reference, walk: walk, options: options)
        say("load average (1 min) at end: \(Report.format(MachineInfo.loadAverage, 2))")
    }

    /// Discovery (`GET /.well-known/gnap-as-rs`) answers once the AS serves requests.
    private static func waitUntilAnswering(_ setup: SetupClient) async throws {
        let request = RawRequest(method: "GET", path: "/.well-known/gnap-as-rs", authority: "", fields: [], body: [])
        for _ in 0..<100 {
            if let response = try? await setup.send(request), response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkFailure("the AS does not answer its discovery document")
    }
}

import Foundation

/// Prints the figures: a table for people and one `RESULT` line per scenario for comparing two runs
/// (`grep '^RESULT'`), each with the issue's ratios: AS CPU per request ÷ bare Ed25519 verification, throughput ÷
/// the two-core bare-verification ceiling, and p99 latency.
enum Report {
    static func header(_ options: Options) {
        say("AS load benchmark: gnapterm serve (\(options.gnapterm)) under wrk")
        say("CPU: \(MachineInfo.cpuModel); \(MachineInfo.logicalCores) logical cores; \(MachineInfo.kernel)")
        say(
            "build: \(MachineInfo.buildConfiguration); load average (1 min) at start: \(format(MachineInfo.loadAverage, 2))"
        )
        say(
            "wrk: \(options.threads) threads, \(options.connections) keep-alive connections; \(options.requests) "
                + "requests per scenario; \(options.clients) Ed25519 clients; wait \(options.pollInterval) s")
        say("backend: \(backend(options)); \(options.instances) AS instance(s)")
    }

    /// The store the AS runs on, for the header and the RESULT lines (the URL without its password).
    static func backend(_ options: Options) -> String {
        guard let database = options.database else { return "sqlite" }
        guard var components = URLComponents(string: database) else { return "postgres" }
        components.password = nil
        return "postgres (\(components.string ?? "?"))"
    }

    static func bare(_ label: String, _ result: BareVerification.Result) {
        say(
            "bare Ed25519 verify (\(label)): \(format(result.bareMicroseconds, 2)) µs CPU over a "
                + "\(result.baseBytes)-byte base = \(format(result.singleCoreRate, 0))/s on one core, 2-core ceiling "
                + "\(format(result.twoCoreCeiling, 0))/s; full GNAP verify \(format(result.fullMicroseconds, 2)) µs "
                + "(\(format(result.fullMicroseconds / result.bareMicroseconds, 3)) × bare); \(result.batches) batches")
    }

    static func progress(_ measurement: LoadMeasurement) {
        say(
            "  \(measurement.name): \(measurement.wrk.completed) \(measurement.unit)s in "
                + "\(format(measurement.wrk.durationMicroseconds / 1e6, 2)) s, statuses \(statuses(measurement)), "
                + "AS CPU \(format(measurement.asCPUSeconds, 2)) s (user \(format(measurement.asUserSeconds, 2)) s), "
                + "wrk CPU \(format(measurement.loaderCPUSeconds, 2)) s, "
                + (measurement.databaseCPUSeconds.map { "PostgreSQL CPU \(format($0, 2)) s, " } ?? "")
                + "load average \(format(measurement.loadAverage.before, 2)) → \(format(measurement.loadAverage.after, 2))"
        )
    }

    static func results(
        _ measurements: [LoadMeasurement], bare: BareVerification.Result, walk: AdminListing.Walk?, options: Options
    ) {
        let backendLabel = options.database == nil ? "sqlite" : "postgres"
        let instances = options.instances
        say("")
        say(
            "ratios against the bare Ed25519 verification of this run: \(format(bare.bareMicroseconds, 2)) µs, "
                + "2-core ceiling \(format(bare.twoCoreCeiling, 0))/s")
        say(
            "| scenario | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | AS CPU µs/req | DB CPU µs/req | CPU ÷ verify | req/s ÷ ceiling | non-2xx | load avg |"
        )
        say("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for m in measurements {
            let cells = [
                m.name, "\(m.wrk.completed)", format(m.requestsPerSecond, 1), ms(m.wrk.p50), ms(m.wrk.p90),
                ms(m.wrk.p99), ms(m.wrk.maximum), format(m.cpuMicrosecondsPerRequest, 0),
                m.databaseCPUMicrosecondsPerRequest.map { format($0, 0) } ?? "–",
                format(m.cpuMicrosecondsPerRequest / bare.bareMicroseconds, 2) + " ×",
                format(100 * m.requestsPerSecond / bare.twoCoreCeiling, 2) + " %", "\(m.wrk.nonSuccess)",
                format(m.loadAverage.before, 1) + "→" + format(m.loadAverage.after, 1),
            ]
            say("| " + cells.joined(separator: " | ") + " |")
        }
        if let walk {
            say(
                "admin listing walked once, one page after another: \(walk.grants) grants in \(walk.pages) pages, "
                    + "\(format(walk.seconds, 2)) s")
        }
        if let introspect = measurements.first(where: { $0.name == ScenarioName.introspect.rawValue }),
            let create = measurements.first(where: { $0.name == ScenarioName.create.rawValue })
        {
            // The issue's figure for the RS-facing API: introspections per second under load against grants created
            // per second, both measured in this run.
            say(
                "introspection throughput ÷ grant-creation throughput: "
                    + format(introspect.requestsPerSecond / create.requestsPerSecond, 2) + " ("
                    + format(introspect.requestsPerSecond, 1) + " / " + format(create.requestsPerSecond, 1) + " req/s)")
        }
        if let floor = measurements.first(where: { $0.name == ScenarioName.floor.rawValue }) {
            // What the AS does beyond serving HTTP: a scenario's CPU less the floor's, both measured in this run.
            for m in measurements where m.name != floor.name {
                let own = m.cpuMicrosecondsPerRequest - floor.cpuMicrosecondsPerRequest
                say(
                    "\(m.name) beyond the HTTP floor (\(format(floor.cpuMicrosecondsPerRequest, 0)) µs/req): "
                        + "\(format(own, 0)) µs/req, \(format(own / bare.bareMicroseconds, 2)) × the verification")
            }
        }
        say("")
        for m in measurements {
            say(
                "RESULT \(m.name) rps=\(format(m.requestsPerSecond, 1)) p50_ms=\(ms(m.wrk.p50)) "
                    + "p99_ms=\(ms(m.wrk.p99)) cpu_us_per_req=\(format(m.cpuMicrosecondsPerRequest, 0)) "
                    + "cpu_per_verify=\(format(m.cpuMicrosecondsPerRequest / bare.bareMicroseconds, 2)) "
                    + "rps_per_ceiling=\(format(m.requestsPerSecond / bare.twoCoreCeiling, 4)) "
                    + "db_cpu_us_per_req=\(m.databaseCPUMicrosecondsPerRequest.map { format($0, 0) } ?? "-") "
                    + "non2xx=\(m.wrk.nonSuccess) requests=\(m.wrk.completed) backend=\(backendLabel) "
                    + "instances=\(instances)")
        }
    }

    static func statuses(_ measurement: LoadMeasurement) -> String {
        measurement.wrk.statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", ")
    }

    static func ms(_ microseconds: Double) -> String { format(microseconds / 1000, 2) }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}

/// Writes one line to standard output at once (unbuffered), so progress shows as it happens also in a file or pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

import Foundation

/// Runs wrk over a ``LoadRun`` against the AS and measures the AS's CPU time around it (of every instance, and of the
/// PostgreSQL server when its process is known).
struct WrkRunner: Sendable {
    let wrk: String
    let lua: String
    let connections: Int
    let threads: Int
    let workDirectory: URL
    /// The AS instances; wrk thread `t` talks to instance `t % servers.count`.
    let servers: [ASProcess]
    /// The PostgreSQL server's main process, whose backends' CPU is measured too.
    var postgresPID: Int32?
    /// Set when the AS runs under callgrind: instrumentation is on only during timed scenarios.
    var callgrind: CallgrindControl?

    func run(_ load: LoadRun) async throws -> LoadMeasurement {
        let prefix = workDirectory.appendingPathComponent("requests-\(load.name)").path
        try writeRequestFiles(load.requests, prefix: prefix)
        defer {
            for thread in 0..<threads { try? FileManager.default.removeItem(atPath: "\(prefix).\(thread)") }
        }
        let cpus = servers.map { ProcessCPU(pid: $0.pid) }
        let database = postgresPID.map(ProcessTreeCPU.init(root:))
        let loadBefore = MachineInfo.loadAverage
        let profiler = load.isScenario ? callgrind : nil
        try profiler?.instrumentation(true)
        let before = try cpus.map { try $0.sample() }
        let databaseBefore = try database?.seconds()
        let loaderBefore = ProcessCPU.reapedChildrenSeconds()
        let output = try await runWrk(prefix: prefix, load: load)
        let loaderSeconds = ProcessCPU.reapedChildrenSeconds() - loaderBefore
        let after = try cpus.map { try $0.sample() }
        let databaseAfter = try database?.seconds()
        try profiler?.instrumentation(false)
        let result = try WrkResult(parsing: output)
        return LoadMeasurement(
            name: load.name, unit: load.unit, sent: load.requests.count, wrk: result,
            asCPUSeconds: zip(after, before).map { $0.totalSeconds - $1.totalSeconds }.reduce(0, +),
            asUserSeconds: zip(after, before).map { $0.userSeconds - $1.userSeconds }.reduce(0, +),
            loaderCPUSeconds: loaderSeconds,
            databaseCPUSeconds: databaseAfter.flatMap { after in databaseBefore.map { after - $0 } },
            loadAverage: (loadBefore, MachineInfo.loadAverage))
    }

    /// Thread `t` of wrk reads `PREFIX.t`: requests t, t + threads, ... as "<length>\n<bytes>".
    private func writeRequestFiles(_ requests: [RawRequest], prefix: String) throws {
        for thread in 0..<threads {
            var data = Data()
            for index in stride(from: thread, to: requests.count, by: threads) {
                let bytes = requests[index].wireBytes
                data.append(contentsOf: Array("\(bytes.count)\n".utf8))
                data.append(contentsOf: bytes)
            }
            try data.write(to: URL(fileURLWithPath: "\(prefix).\(thread)"))
        }
    }

    private func runWrk(prefix: String, load: LoadRun) async throws -> String {
        // -d is only a ceiling: every thread stops itself once all of its requests are answered (as-load.lua).
        let arguments =
            [
                "-t", String(threads), "-c", String(connections), "-d", "600s", "--timeout", "60s", "-s", lua,
                "http://\(servers[0].address)/", "--", prefix, String(load.expectation.status),
            ] + load.expectation.contains + load.expectation.lacks.map { "!" + $0 }
        let outputPath = prefix + ".wrk.txt"
        // as-load.lua points thread t at instance t % N (wrk's setup() has no script arguments, hence the variable).
        let targets = servers.count > 1 ? ["ASLOAD_TARGETS": servers.map(\.address).joined(separator: ",")] : [:]
        let process = try LoaderProcess.start(wrk, arguments, outputPath: outputPath, environment: targets)
        InterruptionCleanup.runningLoader.withLock { $0 = process.pid }
        defer { InterruptionCleanup.runningLoader.withLock { $0 = nil } }
        let status = try await Self.interruptWhenDone(process, outputPath: outputPath, threads: threads)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else { throw BenchmarkFailure("wrk exited with status \(status):\n\(text)") }
        return text
    }

    /// Interrupts wrk once every thread has printed "ASLOAD done" (wrk would otherwise sleep through its whole -d
    /// duration; SIGINT makes it join its threads and print its summary through as-load.lua's done()), and returns
    /// its exit status. The run's duration is measured inside wrk, so polling here costs no accuracy.
    private static func interruptWhenDone(_ process: LoaderProcess, outputPath: String, threads: Int) async throws
        -> Int32
    {
        var interrupted = false
        while true {
            if let status = process.exitStatus() { return status }
            if !interrupted, let text = try? String(contentsOfFile: outputPath, encoding: .utf8),
                text.components(separatedBy: "ASLOAD done ").count - 1 >= threads
            {
                process.interrupt()
                interrupted = true
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

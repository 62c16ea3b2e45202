/// The command line (Benchmarks/as-load.sh passes the paths):
///
///     ASLoadBenchmark --gnapterm PATH --lua PATH [--wrk PATH] [--requests N] [--connections N] [--threads N]
///                     [--clients N] [--approvers N] [--listed-grants N] [--listing-passes N] [--poll-interval S]
///                     [--scenarios a,b,...] [--bare-ms M] [--keep-data] [--callgrind OUTPUT-FILE [--callgrind-preload LIB]]
///                     [--database postgres://USER@HOST:PORT/DB [--database-password-file PATH] [--instances N]
///                      [--postgres-pid PID]]
struct Options: Sendable {
    static let usage = """
        usage: ASLoadBenchmark --gnapterm PATH --lua PATH [--wrk PATH] [--requests N] [--connections N]
                               [--threads N] [--clients N] [--approvers N] [--listed-grants N] [--listing-passes N]
                               [--poll-interval S] [--scenarios \(ScenarioName.allCases.map(\.rawValue).joined(separator: ","))]
                               [--bare-ms M] [--keep-data] [--callgrind OUTPUT-FILE [--callgrind-preload LIB]]
                               [--database URL [--database-password-file PATH] [--instances N] [--postgres-pid PID]]
        """

    /// The release `gnapterm` binary whose `serve` is measured.
    var gnapterm = ""
    /// Benchmarks/as-load.lua.
    var lua = ""
    var wrk = "wrk"
    /// Requests per timed scenario (each pre-signed, each sent once); the admin listing uses passes instead.
    var requests = 10_000
    var connections = 16
    var threads = 2
    /// Distinct Ed25519 client keys (one client instance each).
    var clients = 64
    /// Approver accounts with one device each that enter codes and approve (``ApproverPool``).
    var approvers = 16
    /// Grants in the AS when the admin listing runs (created through the grant endpoint where still missing).
    var listedGrants = 50_000
    /// How many times the timed admin listing pages through all of them.
    var listingPasses = 2
    /// The AS's `wait` (`gnapterm serve --poll-interval`).
    var pollInterval = 5
    var scenarios = ScenarioName.allCases
    /// Length of each of the bare-verification measurements (one at the start and one at the end of the run).
    var bareMilliseconds = 2000
    /// Leave the data directory and the AS's output in place (their path is printed).
    var keepData = false
    /// Run the AS under valgrind's callgrind, writing the profile here, with instrumentation on only during the
    /// timed scenarios (Benchmarks/as-callgrind.sh). Times and CPU figures are then meaningless; the profile counts.
    var callgrindOutput: String?
    /// A library preloaded into the AS under callgrind (Benchmarks/valgrind-sigsuspend.c).
    var callgrindPreload: String?
    /// A PostgreSQL database for the AS state (`serve --database`) instead of SQLite in the data directory; each run
    /// uses a schema of its own in it, so the AS starts empty.
    var database: String?
    /// `serve --database-password-file`.
    var databasePasswordFile: String?
    /// How many `serve` instances share the database (PostgreSQL only); wrk's threads take turns between them.
    var instances = 1
    /// The PostgreSQL server's main process (postmaster): its backends' CPU is reported beside the AS's.
    var postgresPID: Int32?

    init(_ arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--gnapterm": gnapterm = try Self.text(remaining.popFirst(), argument)
            case "--lua": lua = try Self.text(remaining.popFirst(), argument)
            case "--wrk": wrk = try Self.text(remaining.popFirst(), argument)
            case "--requests": requests = try Self.positive(remaining.popFirst(), argument)
            case "--connections": connections = try Self.positive(remaining.popFirst(), argument)
            case "--threads": threads = try Self.positive(remaining.popFirst(), argument)
            case "--clients": clients = try Self.positive(remaining.popFirst(), argument)
            case "--approvers": approvers = try Self.positive(remaining.popFirst(), argument)
            case "--listed-grants": listedGrants = try Self.positive(remaining.popFirst(), argument)
            case "--listing-passes": listingPasses = try Self.positive(remaining.popFirst(), argument)
            case "--poll-interval": pollInterval = try Self.positive(remaining.popFirst(), argument)
            case "--bare-ms": bareMilliseconds = try Self.positive(remaining.popFirst(), argument)
            case "--keep-data": keepData = true
            case "--callgrind": callgrindOutput = try Self.text(remaining.popFirst(), argument)
            case "--callgrind-preload": callgrindPreload = try Self.text(remaining.popFirst(), argument)
            case "--database": database = try Self.text(remaining.popFirst(), argument)
            case "--database-password-file": databasePasswordFile = try Self.text(remaining.popFirst(), argument)
            case "--instances": instances = try Self.positive(remaining.popFirst(), argument)
            case "--postgres-pid": postgresPID = Int32(try Self.positive(remaining.popFirst(), argument))
            case "--scenarios":
                let list = try Self.text(remaining.popFirst(), argument)
                scenarios = try list.split(separator: ",").map { name throws(UsageError) in
                    guard let scenario = ScenarioName(rawValue: String(name)) else {
                        throw UsageError("unknown scenario '\(name)'\n" + Self.usage)
                    }
                    return scenario
                }
            default: throw UsageError("unknown argument '\(argument)'\n" + Self.usage)
            }
        }
        guard !gnapterm.isEmpty, !lua.isEmpty else {
            throw UsageError("--gnapterm and --lua are required\n" + Self.usage)
        }
        guard connections >= threads else { throw UsageError("--connections must be at least --threads") }
        guard instances == 1 || database != nil else {
            throw UsageError("--instances above 1 needs --database (SQLite serves one instance)")
        }
        guard threads.isMultiple(of: instances) else {
            throw UsageError("--threads must be a multiple of --instances (each wrk thread talks to one instance)")
        }
        guard instances == 1 || callgrindOutput == nil else { throw UsageError("--callgrind profiles one instance") }
        guard clients <= 99, approvers <= 99 else {
            throw UsageError("--clients and --approvers must be at most 99 (two-digit names)")
        }
    }

    private static func text(_ value: String?, _ name: String) throws(UsageError) -> String {
        guard let value, !value.isEmpty else { throw UsageError("\(name) needs a value") }
        return value
    }

    private static func positive(_ value: String?, _ name: String) throws(UsageError) -> Int {
        guard let value, let number = Int(value), number > 0 else {
            throw UsageError("\(name) needs a positive integer")
        }
        return number
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The timed scenarios, in the order they run.
enum ScenarioName: String, CaseIterable, Sendable {
    case floor = "http-floor"
    case create = "grant-create"
    case poll = "continuation-poll"
    case code = "code-lookup"
    case rotate = "token-rotate"
    case introspect = "token-introspect"
    case list = "admin-list"
}

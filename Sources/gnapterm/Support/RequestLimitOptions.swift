import ArgumentParser
import GNAP
import GNAPServer

/// `serve`'s request limits (``RequestLimits``; defaults and tests in docs/security.md).
struct RequestLimitOptions: ParsableArguments {
    private static let defaults = RequestLimits()

    @Option(help: "Largest request body, in bytes (413 beyond).")
    var maxBodySize: Int = defaults.maximumBodySize

    @Option(help: "Most header fields in one request (431 beyond).")
    var maxHeaderCount: Int = defaults.maximumHeaderCount

    @Option(help: "Largest request head (all header fields), in bytes (431 beyond).")
    var maxHeaderSize: Int = defaults.maximumHeaderSize

    @Option(help: "Deepest nesting of arrays and objects in JSON content (400 beyond).")
    var maxJsonDepth: Int = defaults.maximumJSONDepth

    @Option(help: "Seconds before a connection with no request in progress is closed.")
    var idleTimeout: Double = Double(defaults.idleTimeout.components.seconds)

    @Option(help: "Seconds a request head may take from its first byte (408 beyond).")
    var headerReadTimeout: Double = Double(defaults.headerReadTimeout.components.seconds)

    @Option(help: "Seconds a request body may take after its head.")
    var bodyReadTimeout: Double = Double(defaults.bodyReadTimeout.components.seconds)

    @Option(help: "Most connections open at once (the longest-idle one is closed to make room).")
    var maxConnections: Int = defaults.maximumConnections

    func validate() throws {
        guard (1_024...(64 << 20)).contains(maxBodySize) else {
            throw ValidationError("--max-body-size must be 1024 to \(64 << 20)")
        }
        guard (16...10_000).contains(maxHeaderCount) else {
            throw ValidationError("--max-header-count must be 16 to 10000")
        }
        guard (1_024...(1 << 20)).contains(maxHeaderSize) else {
            throw ValidationError("--max-header-size must be 1024 to \(1 << 20)")
        }
        guard (1...GNAPJSON.maximumNestingDepth).contains(maxJsonDepth) else {
            throw ValidationError("--max-json-depth must be 1 to \(GNAPJSON.maximumNestingDepth)")
        }
        for (name, value) in [
            ("--idle-timeout", idleTimeout), ("--header-read-timeout", headerReadTimeout),
            ("--body-read-timeout", bodyReadTimeout),
        ] {
            guard value >= 0.1 && value <= 86_400 else { throw ValidationError("\(name) must be 0.1 to 86400 seconds") }
        }
        guard (1...1_000_000).contains(maxConnections) else {
            throw ValidationError("--max-connections must be 1 to 1000000")
        }
    }

    var limits: RequestLimits {
        RequestLimits(
            maximumBodySize: maxBodySize, maximumHeaderCount: maxHeaderCount, maximumHeaderSize: maxHeaderSize,
            maximumJSONDepth: maxJsonDepth, idleTimeout: .seconds(idleTimeout),
            headerReadTimeout: .seconds(headerReadTimeout), bodyReadTimeout: .seconds(bodyReadTimeout),
            maximumConnections: maxConnections)
    }
}

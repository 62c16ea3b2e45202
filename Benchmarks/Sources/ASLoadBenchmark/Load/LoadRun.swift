/// One timed wrk run: pre-signed requests (each sent once) and what every answer must look like.
struct LoadRun: Sendable {
    struct Expectation: Sendable {
        var status = 200
        /// Text every answer body must contain.
        var contains: [String] = []
        /// Text no answer body may contain.
        var lacks: [String] = []
    }

    var name: String
    var requests: [RawRequest]
    var expectation: Expectation
    /// What one request is, for the report ("grant", "page of 500 grants").
    var unit: String = "request"
    /// A timed scenario (profiled under `--callgrind`), not set-up traffic.
    var isScenario = true
}

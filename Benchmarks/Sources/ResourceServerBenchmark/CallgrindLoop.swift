import HTTPTypes

/// Runs one operation over prepared requests for instruction counting (`--callgrind`, docs/performance.md).
///
/// The function has a fixed, unmangled symbol so that callgrind counts only what runs inside it
/// (`--collect-atstart=no --toggle-collect=gnapterm_rs_callgrind_loop`): request signing and setup stay outside. It is
/// synchronous, so the full check goes through ``ResourceServerGate/authorizeFromCache(_:content:requiring:)``, the
/// path `authorize` takes when the introspection is cached.
@_silgen_name("gnapterm_rs_callgrind_loop")
@inline(never)
func callgrindLoop(_ requests: [HTTPRequest], _ operation: CountedOperation) -> Int {
    var sink = 0
    for request in requests { sink &+= operation.run(request) }
    return sink
}

/// The operation as a value: a closure argument would be specialized into a copy of the loop under another symbol.
struct CountedOperation {
    let run: (HTTPRequest) -> Int
}

extension RequestCheckFixture {
    /// The synchronous form of ``check(_:)``.
    func checkFromCache(_ request: HTTPRequest) -> Int {
        guard case .success(let authorization) = gate.authorizeFromCache(request, content: [], requiring: requirement)
        else { fatalError("a benchmark request was not decided from the cache") }
        return authorization.token.access.isEmpty ? 0 : 1
    }

    /// Counts `iterations` of one operation (`full`, `profile` or `bare`) under callgrind.
    func runCallgrind(_ operation: String, iterations: Int) throws -> Int {
        switch operation {
        case "full": return callgrindLoop(try signedRequests(iterations), CountedOperation(run: checkFromCache))
        case "profile": return callgrindLoop(try signedRequests(iterations), CountedOperation(run: verifyOnly))
        case "bare":
            let unused = Array(
                repeating: HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/"), count: iterations)
            return callgrindLoop(unused, CountedOperation { _ in self.bareVerify() })
        default: throw FixtureError("unknown operation '\(operation)' (full, profile, bare)")
        }
    }
}

import GNAP
import GNAPResourceServer
import Synchronization

/// A `TokenIntrospector` that answers from a table the test controls, counting the calls and keeping the queries.
final class IntrospectorDouble: TokenIntrospector {
    private struct State {
        var answers: [String: TokenIntrospectionResponse] = [:]
        var queries: [IntrospectionQuery] = []
        var failure: IntrospectionFailure?
    }

    private let state = Mutex(State())

    /// Makes `token` active with `answer`.
    func activate(_ token: String, _ answer: IntrospectedToken) {
        state.withLock { $0.answers[token] = .active(answer) }
    }

    /// Revokes `token` at the AS: from now on introspection says inactive.
    func revoke(_ token: String) { state.withLock { $0.answers[token] = .inactive } }

    /// Makes every call fail (the AS is down) until cleared with nil.
    func fail(with failure: IntrospectionFailure?) { state.withLock { $0.failure = failure } }

    var calls: Int { state.withLock { $0.queries.count } }
    var queries: [IntrospectionQuery] { state.withLock { $0.queries } }

    func introspect(_ query: IntrospectionQuery) async throws(IntrospectionFailure) -> TokenIntrospectionResponse {
        let (answer, failure) = state.withLock { state in
            state.queries.append(query)
            return (state.answers[query.accessToken] ?? .inactive, state.failure)
        }
        if let failure { throw failure }
        return answer
    }
}

import GNAP
import GNAPResourceServer
import Hummingbird
import Synchronization

/// The gate of the notes API once the RS knows its public URL and is registered with the AS (after its listener
/// is bound); until then protected routes answer 503.
final class NotesGate: Sendable {
    struct Ready: Sendable {
        let gate: ResourceServerGate
        /// The `locations` value of the notes rights (RFC 9635 §8): `<public URL>/notes`.
        let location: String
    }

    private let ready = Mutex<Ready?>(nil)

    func set(_ value: Ready) { ready.withLock { $0 = value } }
    var current: Ready? { ready.withLock { $0 } }
}

/// Checks every request to the notes routes with the gate: reading needs the `read` action, anything else
/// `write` (RFC 9635 §8), at the notes location.
struct NotesAccessMiddleware: RouterMiddleware {
    typealias Context = BasicGNAPRequestContext
    let gate: NotesGate

    static let accessType = "notes"

    /// The right a request needs.
    static func requirement(for method: HTTPRequest.Method, location: String) -> AccessRequirement {
        .access(
            type: accessType, actions: [method == .get || method == .head ? "read" : "write"], locations: [location])
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let ready = gate.current else {
            return NotesResponses.error(
                .serviceUnavailable, GNAPError(.temporarilyUnavailable, "the resource server is still starting"))
        }
        let location = ready.location
        let access = GNAPAccessMiddleware<Context>(gate: ready.gate) { request, _ in
            Self.requirement(for: request.method, location: location)
        }
        return try await access.handle(request, context: context, next: next)
    }
}

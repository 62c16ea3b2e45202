import GNAP
import HTTPTypes
import Hummingbird

/// Answers `503` with a clear RFC 9635 error when the request failed because the database could not be reached:
/// the store notes it on the request's ``StoreOutageNote`` whatever a service then made of the failure, so a lost
/// database never shows as a misleading `404` or `500`. Successful answers pass unchanged.
struct StoreOutageMiddleware: RouterMiddleware {
    typealias Context = ASRequestContext
    /// Seconds a client is asked to wait; the AS keeps trying to reach the database meanwhile.
    static let retryAfter = 5

    func handle(
        _ request: Request, context: ASRequestContext, next: (Request, ASRequestContext) async throws -> Response
    ) async throws -> Response {
        let note = StoreOutageNote()
        let response = try await StoreOutageNote.$current.withValue(note) { try await next(request, context) }
        guard note.happened, response.status.code >= 400 else { return response }
        var unavailable = JSONResponse.make(
            status: .serviceUnavailable,
            value: GrantResponse(
                error: GNAPError(
                    .requestDenied,
                    "the AS cannot reach its database right now; retry in a few seconds")))
        unavailable.headers[.retryAfter] = "\(Self.retryAfter)"
        return unavailable
    }
}

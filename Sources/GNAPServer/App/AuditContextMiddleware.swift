import GNAP
import HTTPTypes
import Hummingbird

/// Gives every request an id and an ``AuditContext``: audit events written while the request is handled carry the
/// id and the actor the authenticators identified. The id is returned in `Request-Id` so that a person reporting
/// a problem can quote it and an admin can find the matching audit lines.
struct AuditContextMiddleware: RouterMiddleware {
    typealias Context = ASRequestContext
    static let field = HTTPField.Name("Request-Id")!

    func handle(
        _ request: Request, context: ASRequestContext, next: (Request, ASRequestContext) async throws -> Response
    ) async throws -> Response {
        let id = String(Secrets.identifier().prefix(16))
        var response = try await AuditContext.$current.withValue(AuditContext(requestID: id)) {
            try await next(request, context)
        }
        response.headers[Self.field] = id
        return response
    }
}

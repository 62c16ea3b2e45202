import GNAP
import Hummingbird
import Logging

/// Turns anything a handler throws into RFC 9635 error JSON; unexpected errors become a generic 500 without detail
/// (the detail goes to the log as a type name only, never as message text that could contain secrets).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ASRequestContext

    func handle(
        _ request: Request, context: ASRequestContext, next: (Request, ASRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let code: GNAPError.Code = error.status == .notFound ? .notFound : .invalidRequest
            return JSONResponse.make(
                status: error.status, value: GrantResponse(error: GNAPError(code, error.body ?? "\(error.status)")))
        } catch {
            context.logger.error("unhandled error", metadata: ["type": "\(String(reflecting: type(of: error)))"])
            return JSONResponse.make(
                status: .internalServerError, value: GrantResponse(error: GNAPError(.requestDenied, "internal error")))
        }
    }
}

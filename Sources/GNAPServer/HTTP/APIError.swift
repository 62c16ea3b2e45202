import GNAP
import HTTPTypes
import Hummingbird

/// An error answered as RFC 9635 §3.6 JSON with an HTTP status.
struct APIError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let error: GNAPError
    /// Extra response fields, e.g. `Retry-After` with `too_many_attempts`.
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ error: GNAPError, headers: HTTPFields = [:]) {
        self.status = status
        self.error = error
        self.headers = headers
    }

    /// The conventional status for an RFC 9635 error code.
    init(_ error: GNAPError) {
        let status: HTTPResponse.Status =
            switch error.code {
            case .invalidClient, .invalidContinuation, .invalidSignature, .unknownDevice: .unauthorized
            case .userDenied, .requestDenied, .accountDisabled: .forbidden
            case .tooFast, .tooManyAttempts: .tooManyRequests
            case .userCodeUnknown, .notFound, .interactionURLUnknown: .notFound
            case .userCodeExpired, .interactionExpired, .requestWithdrawn: .gone
            case .userCodeUsed, .alreadyDecided, .replayedRequest, .interactionUsed, .startModeUsed: .conflict
            default: .badRequest
            }
        self.init(status, error)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(status: status, value: GrantResponse(error: error))
        response.headers.append(contentsOf: headers)
        return response
    }
}

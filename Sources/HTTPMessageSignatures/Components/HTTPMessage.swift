import HTTPTypes

/// The message a signature covers: a request, or a response with (optionally) the request that caused it, which
/// components with the `req` parameter refer to (RFC 9421 §2.4).
public enum HTTPMessage: Sendable {
    case request(HTTPRequest)
    case response(HTTPResponse, request: HTTPRequest?)

    /// The header fields of the message itself.
    public var headerFields: HTTPFields {
        switch self {
        case .request(let request): request.headerFields
        case .response(let response, _): response.headerFields
        }
    }

    /// The request: the message itself, or the related request of a response.
    var request: HTTPRequest? {
        switch self {
        case .request(let request): request
        case .response(_, let request): request
        }
    }
}

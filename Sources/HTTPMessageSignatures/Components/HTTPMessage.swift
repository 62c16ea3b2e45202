import HTTPTypes

/// The message a signature covers (RFC 9421 §1.4): a request, or a response together with the request that caused
/// it (which components with the `req` parameter refer to, §2.4). Trailers, when the application has them, are
/// available to components with the `tr` parameter (§2.1.4).
///
/// The request's `path` holds the origin-form target (`/path?query`). For the other HTTP/1.1 request-target forms
/// (RFC 9112 §3.2), which `@request-target` reproduces exactly: an absolute-form target (a request to a proxy) is
/// given as the absolute URI in `path`, and the target URI's scheme and authority are then taken from it; a CONNECT
/// request has no `path` and its authority-form target is `authority`; the asterisk form is `path == "*"`.
public struct HTTPMessage: Sendable {
    /// The request: the target message itself, or the related request of a response.
    public var request: HTTPRequest?
    /// The response, when the target message is a response.
    public var response: HTTPResponse?
    public var requestTrailers: HTTPFields?
    public var responseTrailers: HTTPFields?

    /// A request as the target message.
    public static func request(_ request: HTTPRequest, trailers: HTTPFields? = nil) -> HTTPMessage {
        HTTPMessage(request: request, response: nil, requestTrailers: trailers, responseTrailers: nil)
    }

    /// A response as the target message, with the related request if known.
    public static func response(
        _ response: HTTPResponse, request: HTTPRequest?, trailers: HTTPFields? = nil, requestTrailers: HTTPFields? = nil
    ) -> HTTPMessage {
        HTTPMessage(request: request, response: response, requestTrailers: requestTrailers, responseTrailers: trailers)
    }

    /// Whether the target message is a response.
    public var isResponse: Bool { response != nil }

    /// The header fields of the target message itself.
    public var headerFields: HTTPFields { response?.headerFields ?? request?.headerFields ?? HTTPFields() }

    /// The trailer fields of the target message itself.
    var trailerFields: HTTPFields? { isResponse ? responseTrailers : requestTrailers }

    /// The related request of a response as a target message of its own (the context of `req` components).
    var relatedRequest: HTTPMessage? {
        guard isResponse, let request else { return nil }
        return .request(request, trailers: requestTrailers)
    }
}

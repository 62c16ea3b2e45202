import GNAP

/// Why a call to the AS failed, with a message a person can act on.
public struct GNAPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case server(status: Int, error: GNAPError)
        case transport(String)
        case malformedResponse(String)
        case invalidURL(String)
        case signing(String)
        case invalidRequest(String)
    }

    private let code: Code
    /// How long the AS asked the client to wait before trying again (`Retry-After`, RFC 9110 §10.2.3), when it did.
    public private(set) var retryAfter: Duration?

    private init(code: Code, retryAfter: Duration? = nil) {
        self.code = code
        self.retryAfter = retryAfter
    }

    /// The AS answered with an error (RFC 9635 §3.6 JSON), possibly saying when to try again.
    public static func server(status: Int, error: GNAPError, retryAfter: Duration? = nil) -> GNAPClientError {
        GNAPClientError(code: .server(status: status, error: error), retryAfter: retryAfter)
    }
    /// The AS could not be reached or the connection failed.
    public static func transport(_ detail: String) -> GNAPClientError { GNAPClientError(code: .transport(detail)) }
    public static func malformedResponse(_ detail: String) -> GNAPClientError {
        GNAPClientError(code: .malformedResponse(detail))
    }
    public static func invalidURL(_ url: String) -> GNAPClientError { GNAPClientError(code: .invalidURL(url)) }
    public static func signing(_ detail: String) -> GNAPClientError { GNAPClientError(code: .signing(detail)) }
    /// The caller asked for a request the protocol does not allow; nothing was sent.
    public static func invalidRequest(_ detail: String) -> GNAPClientError {
        GNAPClientError(code: .invalidRequest(detail))
    }

    /// The GNAP error the AS returned, if that is what happened.
    public var gnapError: GNAPError? {
        if case .server(_, let error) = code { return error }
        return nil
    }

    /// Whether retrying later could help (network trouble or a server error).
    public var isTransient: Bool {
        switch code {
        case .transport: true
        case .server(let status, _): status >= 500
        default: false
        }
    }

    public var description: String {
        switch code {
        case .server(let status, let error):
            "the authorization server refused (\(status) \(error.code.rawValue))"
                + (error.errorDescription.map { ": \($0)" } ?? "")
        case .transport(let detail): "cannot reach the authorization server: \(detail)"
        case .malformedResponse(let detail): "the authorization server sent a malformed response: \(detail)"
        case .invalidURL(let url): "'\(url)' is not a valid URL"
        case .signing(let detail): "cannot sign the request: \(detail)"
        case .invalidRequest(let detail): "not sent: \(detail)"
        }
    }
}

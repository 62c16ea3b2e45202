import GNAP
import GNAPClient

/// Asks the AS about an access token (RFC 9767 §3.3). ``RemoteTokenIntrospector`` calls the AS's introspection
/// endpoint; an AS that checks its own tokens, or a test, can answer directly.
///
/// An unknown, expired or revoked token is an answer (`.inactive`), not an error: throw only when no answer could
/// be had, and the RS then refuses the request without deciding about the token.
public protocol TokenIntrospector: Sendable {
    func introspect(_ query: IntrospectionQuery) async throws(IntrospectionFailure) -> TokenIntrospectionResponse
}

/// What the RS asks about a token: the members of RFC 9767 §3.3's request other than the RS's own identification,
/// which the introspector adds.
public struct IntrospectionQuery: Sendable, Hashable {
    /// The token value the client presented.
    public var accessToken: String
    /// The proofing method the client used with it (`httpsig` for the GNAP scheme, nil for a bearer token).
    public var proof: String?
    /// The least access the request needs, when the RS wants the AS to judge it.
    public var access: [AccessRight]?

    public init(accessToken: String, proof: String?, access: [AccessRight]? = nil) {
        self.accessToken = accessToken
        self.proof = proof
        self.access = access
    }
}

/// Why introspection gave no answer.
public struct IntrospectionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case unreachable(String)
        case refused(GNAPError)
        case malformedResponse(String)
        case signing(String)
        /// A failure GNAPClient already described in a sentence.
        case client(String)
    }

    private let code: Code

    /// The AS could not be reached.
    public static func unreachable(_ detail: String) -> IntrospectionFailure { .init(code: .unreachable(detail)) }
    /// The AS refused the call, e.g. `invalid_resource_server` (RFC 9767 §3.5).
    public static func refused(_ error: GNAPError) -> IntrospectionFailure { .init(code: .refused(error)) }
    /// The AS answered something that is not an RFC 9767 §3.3 response.
    public static func malformedResponse(_ detail: String) -> IntrospectionFailure {
        .init(code: .malformedResponse(detail))
    }
    /// The RS could not sign its call.
    public static func signing(_ detail: String) -> IntrospectionFailure { .init(code: .signing(detail)) }

    /// A failure of the HTTP exchange as GNAPClient reports it (unreachable, timed out, not JSON).
    static func exchange(_ error: GNAPClientError) -> IntrospectionFailure {
        if let gnapError = error.gnapError { return .refused(gnapError) }
        return .init(code: .client(error.description))
    }

    /// The RS-facing error the AS answered with, if that is what happened.
    public var gnapError: GNAPError? {
        if case .refused(let error) = code { error } else { nil }
    }

    public var description: String {
        switch code {
        case .unreachable(let detail): "cannot reach the authorization server: \(detail)"
        case .refused(let error): "the authorization server refused introspection (\(error))"
        case .malformedResponse(let detail): "the authorization server's introspection response is malformed: \(detail)"
        case .signing(let detail): "cannot sign the introspection request: \(detail)"
        case .client(let description): description
        }
    }
}

import HTTPMessageSignatures
import HTTPTypes

/// The scheme of the target URI when the request line does not carry one.
public enum TargetScheme: String, Sendable, Hashable, CaseIterable {
    case https
    case http
}

extension HTTPMessageText {
    /// The message as RFC 9421 sees it: a request, or a response with the related request (for `;req`, §2.4), each
    /// with the trailers of its chunked body (for `;tr`, §2.1.4).
    public func httpMessage(scheme: TargetScheme, relatedRequest: HTTPMessageText? = nil) throws(HTTPSigToolError)
        -> HTTPMessage
    {
        switch startLine {
        case .request:
            guard relatedRequest == nil else { throw .relatedRequestWithoutResponse }
            return .request(try httpRequest(scheme: scheme), trailers: httpTrailers)
        case .response(_, let status, let reason):
            let request: HTTPRequest?
            if let relatedRequest {
                guard relatedRequest.isRequest else { throw .relatedRequestIsNotARequest }
                request = try relatedRequest.httpRequest(scheme: scheme)
            } else {
                request = nil
            }
            // The status code has three digits (checked when parsing), within what HTTPTypes accepts.
            let response = HTTPResponse(
                status: HTTPResponse.Status(code: status, reasonPhrase: reason ?? ""),
                headerFields: Self.httpFields(fields))
            return .response(
                response, request: request, trailers: httpTrailers, requestTrailers: relatedRequest?.httpTrailers)
        }
    }

    /// The request with its target URI (RFC 9110 §7.1): the absolute-form target as given, otherwise `scheme` +
    /// `://` + the Host field + the target. An absolute-form target stays whole in `path`, where the signature
    /// library reads `@request-target`, `@path` and `@query` from it (RFC 9421 §2.2.5).
    func httpRequest(scheme: TargetScheme) throws(HTTPSigToolError) -> HTTPRequest {
        guard case .request(let methodName, let target, _) = startLine, let method = HTTPRequest.Method(methodName)
        else { throw .relatedRequestIsNotARequest }
        let hosts = values(of: "host")
        guard hosts.count <= 1 else { throw .multipleHostFields }
        let host = hosts.first
        let fields = Self.httpFields(self.fields)
        switch target {
        case .origin(let path):
            return HTTPRequest(
                method: method, scheme: scheme.rawValue, authority: host, path: path, headerFields: fields)
        case .asterisk:
            return HTTPRequest(
                method: method, scheme: scheme.rawValue, authority: host, path: "*", headerFields: fields)
        case .absolute(let uri, let uriScheme, let authority, _):
            // RFC 9112 §3.2.2: the authority of an absolute-form target replaces the Host field.
            return HTTPRequest(method: method, scheme: uriScheme, authority: authority, path: uri, headerFields: fields)
        case .authority(let authority):
            return HTTPRequest(
                method: method, scheme: scheme.rawValue, authority: authority, path: nil, headerFields: fields)
        }
    }

    /// The trailer fields (RFC 9421 §2.1.4), nil when the body is not chunked: `;tr` components then fail as
    /// inapplicable rather than as a missing field.
    var httpTrailers: HTTPFields? { trailers.map(Self.httpFields) }

    /// Field lines as `HTTPFields`, in order; names were checked to be tokens when parsing.
    static func httpFields(_ lines: [FieldLine]) -> HTTPFields {
        var fields = HTTPFields()
        for field in lines {
            guard let name = HTTPField.Name(field.name) else { continue }
            fields.append(HTTPField(name: name, value: field.value))
        }
        return fields
    }
}

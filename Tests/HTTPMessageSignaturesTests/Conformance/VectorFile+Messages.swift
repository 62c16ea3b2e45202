import HTTPMessageSignatures
import HTTPTypes

/// Why a vector message could not be turned into an `HTTPMessage`.
struct VectorMessageError: Error, CustomStringConvertible {
    let description: String
}

extension VectorFile {
    /// The named request message. The scheme is https (the RFC examples are served over TLS, and RFC 9635 requires
    /// it); the first `Host` line becomes the authority and leaves the fields, as an HTTP/1.1 server built on
    /// swift-http-types (NIOHTTPTypesHTTP1) presents it.
    func httpRequest(_ name: String) throws -> HTTPRequest {
        guard let message = messages[name], let methodName = message.method, let target = message.requestTarget,
            let method = HTTPRequest.Method(methodName)
        else { throw VectorMessageError(description: "'\(name)' is not a request message") }
        let host = message.headers.first { $0.first?.lowercased() == "host" }?.last
        var request = HTTPRequest(method: method, scheme: "https", authority: host, path: target)
        request.headerFields = try fields(of: message, dropFirstHost: true)
        return request
    }

    /// The named response message.
    func httpResponse(_ name: String) throws -> HTTPResponse {
        guard let message = messages[name], let status = message.status else {
            throw VectorMessageError(description: "'\(name)' is not a response message")
        }
        return HTTPResponse(status: HTTPResponse.Status(code: status), headerFields: try fields(of: message))
    }

    /// The body of the named message as bytes (the file stores it as text).
    func body(_ name: String) -> [UInt8] { Array((messages[name]?.body ?? "").utf8) }

    /// The signed target message of a case: a request, or a response together with its related request when the
    /// case covers request components with `;req` (RFC 9421 §2.4). B.2 prints its signatures apart from the shared
    /// test-request and test-response, so the case's `Signature-Input` and `Signature` are added to a message that
    /// has none.
    func targetMessage(of testCase: Case) throws -> HTTPMessage {
        var message: HTTPMessage
        if testCase.targetMessageType == "response" {
            let related = try relatedRequestName(of: testCase).map(httpRequest)
            message = .response(try httpResponse(testCase.message), request: related)
        } else {
            message = .request(try httpRequest(testCase.message))
        }
        if message.headerFields[.signatureInput] == nil {
            message.editTargetFields { fields in
                fields[.signatureInput] = testCase.signatureInput
                fields[.signature] = testCase.signature
            }
        }
        return message
    }

    /// The request a response case refers to with `;req`. The file names it only in the case's `notes` ("Related
    /// request: sec2.4-request.", "Related request is sec2.4-signed-request"), so the longest request-message name
    /// found there is taken. Nil when the case covers nothing with `;req`; an error when it does but names none.
    func relatedRequestName(of testCase: Case) throws -> String? {
        guard testCase.covered.contains(where: { $0.hasSuffix(";req") || $0.contains(";req;") }) else { return nil }
        let notes = testCase.notes ?? ""
        let named = messages.filter { $0.value.method != nil && notes.contains($0.key) }.keys
        guard let name = named.max(by: { $0.count < $1.count }) else {
            throw VectorMessageError(description: "\(testCase.name) covers ;req components but names no request")
        }
        return name
    }

    private func fields(of message: Message, dropFirstHost: Bool = false) throws -> HTTPFields {
        var fields = HTTPFields()
        var hostDropped = !dropFirstHost
        for line in message.headers {
            guard line.count == 2, let name = HTTPField.Name(line[0]) else {
                throw VectorMessageError(description: "invalid field line \(line)")
            }
            if !hostDropped && name == .host {
                hostDropped = true
                continue
            }
            fields.append(HTTPField(name: name, value: line[1]))
        }
        return fields
    }
}

extension HTTPField.Name {
    static var host: HTTPField.Name { HTTPField.Name("Host")! }
}

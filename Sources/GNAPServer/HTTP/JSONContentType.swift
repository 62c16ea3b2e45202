import GNAP
import HTTPTypes

/// The media type every request content must have: RFC 9635 §2 "The request MUST be sent as a JSON object in the
/// content of the HTTP POST request with Content-Type `application/json`", and the same for every JSON endpoint of
/// the interaction and admin APIs. Parameters are allowed, but a `charset` other than UTF-8 is not (RFC 8259 §8.1:
/// "JSON text exchanged between systems that are not part of a closed ecosystem MUST be encoded using UTF-8").
///
/// Refusals are 415 Unsupported Media Type (RFC 9110 §15.5.16: "the content is in a format not supported by this
/// method on the target resource. The format problem might be due to the request's indicated Content-Type or
/// Content-Encoding"), which names the problem precisely where a 400 would not, with the RFC 9635 code
/// `invalid_request`.
enum JSONContentType {
    /// Checks the head of a request that carries content (or announces it). Nothing is read before this passes.
    static func check(_ head: HTTPRequest) throws(APIError) {
        if let coding = head.headerFields[.contentEncoding], coding.lowercased() != "identity" {
            throw refusal(head, "content coding '\(coding)' is not supported; send the JSON uncompressed")
        }
        guard let value = head.headerFields[.contentType] else {
            throw refusal(head, "the request has content but no Content-Type; send it as application/json")
        }
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        let mediaType = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw refusal(head, "Content-Type '\(value)' is not supported; send the content as application/json")
        }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else {
                throw refusal(head, "Content-Type '\(value)' has a malformed parameter")
            }
            let name = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            var argument = pair[1].trimmingCharacters(in: .whitespaces)
            if argument.count >= 2, argument.hasPrefix("\""), argument.hasSuffix("\"") {
                argument = String(argument.dropFirst().dropLast())
            }
            if name == "charset", argument.lowercased() != "utf-8" {
                throw refusal(head, "charset '\(argument)' is not supported; JSON content must be UTF-8")
            }
        }
    }

    /// Whether the head announces content (a length above zero, or a chunked body).
    static func announcesContent(_ head: HTTPRequest) -> Bool {
        if let length = head.headerFields[.contentLength], let count = Int(length) { return count > 0 }
        return head.headerFields[.transferEncoding] != nil
    }

    private static func refusal(_ head: HTTPRequest, _ description: String) -> APIError {
        var headers = HTTPFields()
        // RFC 5789 §2.2: a 415 to a PATCH says which patch document formats are accepted.
        if head.method == .patch { headers[HTTPField.Name("Accept-Patch")!] = "application/json" }
        return APIError(.unsupportedMediaType, GNAPError(.invalidRequest, description), headers: headers)
    }
}

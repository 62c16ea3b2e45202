import GNAP
import HTTPTypes

/// Why the gate refused a request, as the client is told: a status, an error in the GNAP shape, and the RS-first
/// challenge (RFC 9635 §9.1) where getting a (better) token would help.
public struct ResourceServerRefusal: Error, Sendable {
    public let status: HTTPResponse.Status
    public let error: GNAPError
    public let challenge: GNAPChallenge?
    /// More detail for the RS's own log (e.g. why introspection failed); never sent to the client.
    public let logDetail: String?

    init(_ status: HTTPResponse.Status, _ error: GNAPError, challenge: GNAPChallenge?, logDetail: String? = nil) {
        self.status = status
        self.error = error
        self.challenge = challenge
        self.logDetail = logDetail
    }

    /// The response fields: JSON, never cached (RFC 9635 §3 habit for anything about tokens), and the challenge.
    public var headerFields: HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[.cacheControl] = "no-store"
        if let challenge { fields[.wwwAuthenticate] = challenge.fieldValue }
        return fields
    }

    /// The response content: `{"error": {"code": …, "description": …}}`.
    public var body: [UInt8] {
        (try? GNAPJSON.encode(GNAPErrorResponse(error)))
            ?? Array(#"{"error":{"code":"invalid_request"}}"#.utf8)
    }
}

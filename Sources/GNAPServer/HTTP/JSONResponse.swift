import GNAP
import HTTPTypes
import Hummingbird

/// JSON responses. Every response of the AS carries `Cache-Control: no-store` (RFC 9635 §3: grant responses MUST;
/// the interaction API returns request details that must not be cached either).
enum JSONResponse {
    static func make(status: HTTPResponse.Status = .ok, value: some Encodable) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        let bytes = (try? GNAPJSON.encode(value)) ?? Array(#"{"error":{"code":"request_denied"}}"#.utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

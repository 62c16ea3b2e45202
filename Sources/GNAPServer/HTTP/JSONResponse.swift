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
        guard let bytes = try? GNAPJSON.encode(value) else {
            let fallback = #"{"error":{"code":"request_denied","description":"internal error"}}"#
            return Response(
                status: .internalServerError, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: fallback)))
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A body that is JSON already (put together from encoded pieces).
    static func make(status: HTTPResponse.Status = .ok, json bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

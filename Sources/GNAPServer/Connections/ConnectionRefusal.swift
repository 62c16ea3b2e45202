import GNAP
import NIOCore

/// An answer the connection layer gives before any handler runs (a head too large, content too long, a head that did
/// not arrive in time, a malformed request): a complete HTTP/1.1 response with RFC 9635 error JSON, after which the
/// connection is closed (`Connection: close`).
struct ConnectionRefusal: Sendable, Hashable {
    var status: Int
    var reason: String
    var description: String

    /// RFC 9110 §15.5.9: the head did not arrive "within the time that it was prepared to wait".
    static func headerTimeout(_ limits: RequestLimits) -> ConnectionRefusal {
        ConnectionRefusal(
            status: 408, reason: "Request Timeout",
            description: "the request head did not arrive within \(limits.headerReadTimeout.roundedUpSeconds) s")
    }

    /// RFC 6585 §5: 431 Request Header Fields Too Large.
    static func headerTooLarge(_ limits: RequestLimits) -> ConnectionRefusal {
        ConnectionRefusal(
            status: 431, reason: "Request Header Fields Too Large",
            description: "the request has more than \(limits.maximumHeaderCount) header fields or more than "
                + "\(limits.maximumHeaderSize) bytes of them")
    }

    /// RFC 9110 §15.5.14: 413 Content Too Large.
    static func contentTooLarge(_ limits: RequestLimits) -> ConnectionRefusal {
        ConnectionRefusal(
            status: 413, reason: "Content Too Large",
            description: "the request body exceeds \(limits.maximumBodySize) bytes")
    }

    static let malformed = ConnectionRefusal(
        status: 400, reason: "Bad Request", description: "the request is not well-formed HTTP/1.1")

    /// The response as bytes on the wire.
    var bytes: ByteBuffer {
        let json =
            (try? GNAPJSON.encode(GrantResponse(error: GNAPError(.invalidRequest, description))))
            .map { String(decoding: $0, as: UTF8.self) } ?? #"{"error":{"code":"invalid_request"}}"#
        let text =
            "HTTP/1.1 \(status) \(reason)\r\ncontent-type: application/json\r\ncache-control: no-store\r\n"
            + "connection: close\r\ncontent-length: \(json.utf8.count)\r\n\r\n\(json)"
        return ByteBuffer(string: text)
    }
}

/// What the connection's HTTP-level handler tells the handler at the front of the pipeline (as a user outbound
/// event, which travels towards the socket).
enum ConnectionEvent: Sendable, Hashable {
    case headArrived
    case requestEnded
    case responseEnded
    /// Answer with this and close the connection; the head that caused it was not passed on.
    case refuse(ConnectionRefusal)
}

import NIOCore
import NIOHTTP1

/// The HTTP-level half of a connection's limits, right after the HTTP/1.1 decoder: reports each request's head and
/// end and each response's end to the ``ConnectionGuardHandler`` at the front, refuses a head that announces more
/// content than ``RequestLimits/maximumBodySize`` (413, before any of the content is read), and turns decoder
/// failures into answers: a head over the header limits is 431, anything else malformed 400.
final class RequestProgressHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let limits: RequestLimits
    /// Set when a head was refused: its content and end are dropped.
    private var refusing = false

    init(limits: RequestLimits) { self.limits = limits }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if let length = head.headers.first(name: "content-length").flatMap(Int.init),
                length > limits.maximumBodySize
            {
                refusing = true
                context.triggerUserOutboundEvent(ConnectionEvent.refuse(.contentTooLarge(limits)), promise: nil)
                return
            }
            context.triggerUserOutboundEvent(ConnectionEvent.headArrived, promise: nil)
        case .body:
            guard !refusing else { return }
        case .end:
            guard !refusing else { return }
            context.triggerUserOutboundEvent(ConnectionEvent.requestEnded, promise: nil)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd = if case .end = unwrapOutboundIn(data) { true } else { false }
        context.write(data, promise: promise)
        if isEnd { context.triggerUserOutboundEvent(ConnectionEvent.responseEnded, promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        refusing = true
        let refusal: ConnectionRefusal =
            if case .headerOverflow = error { .headerTooLarge(limits) } else { .malformed }
        context.triggerUserOutboundEvent(ConnectionEvent.refuse(refusal), promise: nil)
    }
}

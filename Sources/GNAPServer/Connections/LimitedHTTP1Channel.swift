import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 child channel with the AS's ``RequestLimits`` around it: the decoder's header limits, a
/// ``ConnectionGuardHandler`` in front of everything (timeouts, connection count, refusals) and a
/// ``RequestProgressHandler`` right after the decoder.
struct LimitedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let limits: RequestLimits
    let registry: ConnectionRegistry

    init(responder: @escaping HTTPChannelHandler.Responder, limits: RequestLimits, registry: ConnectionRegistry) {
        // Timeouts are the guard's: Hummingbird's own idle timer is left off so that one clock rules.
        http1 = HTTP1Channel(
            responder: responder,
            configuration: HTTP1Channel.Configuration(
                idleTimeout: nil,
                httpDecoderConfiguration: HTTP1Channel.Configuration.DecoderConfiguration(
                    maxHeaderFieldSize: limits.maximumHeaderSize, maxHeaderListSize: limits.maximumHeaderSize,
                    maxHeaderFieldCount: limits.maximumHeaderCount)))
        self.limits = limits
        self.registry = registry
    }

    /// The builder for `Application(server:)`.
    static func builder(limits: RequestLimits) -> HTTPServerBuilder {
        let registry = ConnectionRegistry(maximum: limits.maximumConnections)
        return HTTPServerBuilder { responder in
            LimitedHTTP1Channel(responder: responder, limits: limits, registry: registry)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            let operations = channel.pipeline.syncOperations
            try operations.addHandler(ConnectionGuardHandler(limits: limits, registry: registry))
            let value = http1.setup(channel: channel, logger: logger)
            // The HTTP/1.1 pipeline is built synchronously; the progress handler goes right after its decoder.
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(RequestProgressHandler(limits: limits), position: .after(decoder))
            return value
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

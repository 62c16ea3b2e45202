import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// A Hummingbird child channel with TLS in front of another one (Hummingbird's `TLSChannel`, with the context taken
/// from a ``TLSContextHolder`` for each connection instead of fixed at start, so a reload needs no restart). The
/// TLS handler goes next to the socket: everything after it, the base channel's handlers included, sees plain HTTP.
public struct ReloadableTLSChannel<Base: ServerChildChannel>: ServerChildChannel {
    public typealias Value = Base.Value

    let base: Base
    let holder: TLSContextHolder

    public init(_ base: Base, holder: TLSContextHolder) {
        self.base = base
        self.holder = holder
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let holder = holder
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(holder.makeHandler())
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    public func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 behind TLS whose certificate can be reloaded through `holder` (a resource server's `server:`).
    public static func reloadableTLS(
        holder: TLSContextHolder, configuration: HTTP1Channel.Configuration = HTTP1Channel.Configuration()
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            ReloadableTLSChannel(HTTP1Channel(responder: responder, configuration: configuration), holder: holder)
        }
    }
}

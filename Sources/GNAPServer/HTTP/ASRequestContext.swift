import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the peer address (shown to approvers as "requested from").
public struct ASRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address as text.
    var peer: String? { remoteAddress?.ipAddress }
}

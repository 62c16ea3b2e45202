import Hummingbird
import NIOCore
import ServerTLS

/// The request context: Hummingbird's core storage plus the peer address (shown to approvers as "requested from")
/// and its TLS side (the client certificate of an `mtls` client).
public struct ASRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The connection's TLS peer, read only when a check needs its certificate.
    let tlsPeer: TLSPeer

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
        tlsPeer = TLSPeer(channel: source.channel)
    }

    /// The peer's IP address as text.
    var peer: String? { remoteAddress?.ipAddress }
}

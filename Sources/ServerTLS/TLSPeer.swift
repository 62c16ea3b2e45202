import NIOCore
import NIOSSL

/// The TLS client certificate of the connection a request came on, read when a check needs it (one hop to the
/// connection's event loop): nil on a plain connection or when the client presented none.
public struct TLSPeer: Sendable {
    let channel: (any Channel)?

    /// - Parameter channel: the request's connection (`ApplicationRequestContextSource.channel`); nil for none.
    public init(channel: (any Channel)?) {
        self.channel = channel
    }

    /// A peer with no connection (tests, requests that did not come over a socket).
    public static let none = TLSPeer(channel: nil)

    /// The DER of the client's certificate.
    public func certificateDER() async -> [UInt8]? {
        guard let channel else { return nil }
        guard let certificate = try? await channel.nioSSL_peerCertificate().get() else { return nil }
        return try? certificate.toDERBytes()
    }
}

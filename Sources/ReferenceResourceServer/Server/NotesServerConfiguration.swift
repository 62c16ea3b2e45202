import Foundation
import ServerTLS

/// How `gnapterm rs` runs: which AS it trusts, where it listens and how clients reach it. Every other member has a
/// documented default.
public struct NotesServerConfiguration: Sendable {
    /// The AS's base URL (its RS-facing discovery document is at `/.well-known/gnap-as-rs`, RFC 9767 §3.1).
    public var asBase: String
    /// Address to listen on.
    public var host: String
    /// Port to listen on; 0 picks a free one (then used in the public URL).
    public var port: Int
    /// The scheme and authority clients use; default nil (`http://host:port` with the bound port).
    public var publicURL: String?
    /// How long an introspection result is relied on: the longest a revoked token still works here (RFC 9767
    /// §5.3). Default 30 seconds.
    public var revalidationInterval: Duration
    /// The certificate and key to serve HTTPS with (TLS 1.2 or later), reloaded on SIGHUP; default nil (plain
    /// HTTP, for loopback or behind a TLS-terminating proxy). Over TLS the RS sees the client certificate an
    /// `mtls`-bound token is proven with (RFC 9635 §7.3.2).
    public var tls: TLSContextHolder?
    /// The header a TLS-terminating proxy puts the client certificate in (RFC 9440 form); default nil. Only safe
    /// when every request passes that proxy and it replaces the header.
    public var trustedClientCertificateHeader: String?

    public init(
        asBase: String, host: String = "127.0.0.1", port: Int = 9090, publicURL: String? = nil,
        revalidationInterval: Duration = .seconds(30), tls: TLSContextHolder? = nil,
        trustedClientCertificateHeader: String? = nil
    ) {
        self.asBase = asBase.hasSuffix("/") ? String(asBase.dropLast()) : asBase
        self.host = host
        self.port = port
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.revalidationInterval = revalidationInterval
        self.tls = tls
        self.trustedClientCertificateHeader = trustedClientCertificateHeader
    }

    /// `https` over TLS, else `http`: the scheme of the default public URL.
    var scheme: String { tls == nil ? "http" : "https" }

    /// AS endpoints over plain HTTP are accepted only when the operator named the AS with an `http` URL (a
    /// loopback development setup); an `https` AS must publish `https` endpoints (§5.1).
    var allowsHTTP: Bool { URLComponents(string: asBase)?.scheme?.lowercased() == "http" }
}

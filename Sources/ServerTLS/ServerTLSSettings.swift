/// How a server speaks TLS: its files and whether it asks clients for certificates.
public struct ServerTLSSettings: Sendable, Hashable {
    public var files: TLSFiles
    /// Whether the handshake asks the client for a certificate. It is never required: a client without one still
    /// connects, and whatever needs it (an `mtls` proof) refuses the request with a sentence instead of a failed
    /// handshake that tells the client nothing.
    public var requestsClientCertificates: Bool

    /// - Parameters:
    ///   - files: the certificate chain, key and optional client CA.
    ///   - requestsClientCertificates: default true.
    public init(files: TLSFiles, requestsClientCertificates: Bool = true) {
        self.files = files
        self.requestsClientCertificates = requestsClientCertificates
    }
}

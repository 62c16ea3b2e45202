/// Where a server's TLS material lives: the certificate chain and private key it presents, and optionally the CA
/// that client certificates must chain to. Files are PEM; they are read at start and again on every reload.
public struct TLSFiles: Sendable, Hashable {
    /// The server's certificate, followed by any intermediates (PEM).
    public var certificateChain: String
    /// The private key of the first certificate (PEM).
    public var privateKey: String
    /// When set, a client certificate presented during the handshake must chain to a certificate in this file
    /// (PEM); without it, any client certificate is accepted at the TLS layer and its use is decided later (GNAP's
    /// `mtls` compares it with the client's key binding, RFC 9635 §7.3.2).
    public var clientCA: String?

    /// - Parameters:
    ///   - certificateChain: the PEM file of the server certificate chain.
    ///   - privateKey: the PEM file of its private key.
    ///   - clientCA: default nil (client certificates are not checked against a CA).
    public init(certificateChain: String, privateKey: String, clientCA: String? = nil) {
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.clientCA = clientCA
    }
}

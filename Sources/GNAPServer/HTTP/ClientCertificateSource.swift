import GNAP
import HTTPTypes
import ServerTLS

/// Where a request's client certificate comes from (RFC 9635 §7.3.2 `mtls`): the TLS connection the AS terminates,
/// or, behind a TLS-terminating proxy the operator trusts, a header that proxy sets (RFC 9440 `Client-Cert`: the DER
/// as a structured-field byte sequence). Read only when a check needs it.
struct ClientCertificateSource: Sendable {
    /// How the AS learns client certificates.
    enum Origin: Sendable, Hashable {
        /// From its own TLS connections.
        case tls
        /// Only from this header, set by a proxy in front of the AS (`serve --trust-client-cert-header`); the TLS
        /// connection, if any, is the proxy's.
        case trustedHeader(HTTPField.Name)
    }

    private enum Value: Sendable {
        case none
        case tls(TLSPeer)
        case header(String?)
    }

    private let value: Value

    static let none = ClientCertificateSource(value: .none)

    private init(value: Value) { self.value = value }

    init(_ origin: Origin, head: HTTPRequest, tls: TLSPeer) {
        switch origin {
        case .tls: value = .tls(tls)
        case .trustedHeader(let name):
            // Several fields of the trusted name cannot come from one proxy: nothing is trusted then.
            let fields = head.headerFields[values: name]
            value = .header(fields.count == 1 ? fields[0] : nil)
        }
    }

    /// The certificate's DER, nil when none was presented (or the header is malformed).
    func der() async -> [UInt8]? {
        switch value {
        case .none: nil
        case .tls(let peer): await peer.certificateDER()
        case .header(let field): field.flatMap(MTLSProof.clientCertificate(fromField:))
        }
    }

    /// The certificate, parsed; nil when none was presented or it is not a certificate.
    func certificate() async -> ClientCertificate? {
        guard let der = await der() else { return nil }
        return try? ClientCertificate(der: der)
    }
}

import NIOCore
import NIOSSL
import Synchronization

/// The TLS context new connections are set up with. A reload (``reload()``, on SIGHUP) builds a new context from the
/// files and swaps it in under the lock; connections already open keep the context they started with, so nothing is
/// dropped, and every connection accepted afterwards uses the new certificate.
public final class TLSContextHolder: Sendable {
    public let settings: ServerTLSSettings
    private let current: Mutex<NIOSSLContext>

    /// Reads the files and builds the first context; a missing or unreadable file, or a key that does not match the
    /// certificate, is a ``TLSSetupError`` naming the file.
    public init(_ settings: ServerTLSSettings) throws(TLSSetupError) {
        self.settings = settings
        current = Mutex(try Self.makeContext(settings))
    }

    /// The context for a connection being set up now.
    public var context: NIOSSLContext { current.withLock { $0 } }

    /// Reads the files again and uses the new context for connections from now on. On failure the current context
    /// stays in use and the error says why.
    public func reload() throws(TLSSetupError) {
        let context = try Self.makeContext(settings)
        current.withLock { $0 = context }
    }

    /// A handler for one new connection, with the current context.
    func makeHandler() -> NIOSSLServerHandler {
        let context = self.context
        guard settings.requestsClientCertificates, settings.files.clientCA == nil else {
            return NIOSSLServerHandler(context: context)
        }
        // Any certificate is accepted at the TLS layer: GNAP trusts a client certificate through its key binding,
        // not through a PKI (RFC 9635 §7.3.2), and a binding check follows for every request that relies on it.
        return NIOSSLServerHandler(context: context) { _, promise in promise.succeed(.certificateVerified) }
    }

    static func makeContext(_ settings: ServerTLSSettings) throws(TLSSetupError) -> NIOSSLContext {
        let files = settings.files
        let chain = try PEMFile.certificates(at: files.certificateChain, what: "certificate")
        let key = try PEMFile.privateKey(at: files.privateKey, what: "private key")
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        if settings.requestsClientCertificates {
            // Asked for, never required (SSL_VERIFY_PEER without FAIL_IF_NO_PEER_CERT).
            configuration.certificateVerification = .optionalVerification
            if let clientCA = files.clientCA {
                let roots = try PEMFile.certificates(at: clientCA, what: "client CA")
                configuration.trustRoots = .certificates(roots)
                configuration.sendCANameList = true
            } else {
                configuration.trustRoots = .certificates([])
            }
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSSetupError(
                "the certificate '\(files.certificateChain)' and key '\(files.privateKey)' cannot be used together "
                    + "(\(error))")
        }
    }
}

/// Why TLS could not be set up, as one sentence naming the file.
public struct TLSSetupError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}

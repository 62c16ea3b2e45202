import ArgumentParser
import GNAPServer
import HTTPTypes
import ServerTLS

/// The TLS and client-certificate options of `serve` and `rs`. Without `--tls-cert` the server speaks plain HTTP
/// (for loopback, or behind a TLS-terminating proxy).
struct TLSOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "PEM certificate chain to serve HTTPS with (TLS 1.2 or later); needs --tls-key.",
            discussion: "Read again on SIGHUP: new connections use the new certificate, open ones keep theirs.",
            valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Option(
        help: ArgumentHelp(
            "PEM CA certificates that TLS client certificates must chain to.",
            discussion:
                "Without it any client certificate is accepted at the TLS layer and an mtls client is checked "
                + "against its key binding (RFC 9635 §7.3.2). Client certificates are asked for, never required.",
            valueName: "file"))
    var clientCa: String?

    @Option(
        help: ArgumentHelp(
            "Take mtls client certificates from this header, set by a TLS-terminating proxy (RFC 9440 form).",
            discussion:
                "Dangerous when misconfigured: only if every request passes that proxy and the proxy replaces "
                + "the header; otherwise anyone can claim any certificate (docs/security.md).",
            valueName: "name"))
    var trustClientCertHeader: String?

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("give both --tls-cert and --tls-key, or neither")
        }
        if clientCa != nil && tlsCert == nil { throw ValidationError("--client-ca needs --tls-cert and --tls-key") }
        if let name = trustClientCertHeader, HTTPField.Name(name) == nil {
            throw ValidationError("--trust-client-cert-header '\(name)' is not a header field name")
        }
    }

    /// The TLS context to serve with, read now so that a bad file stops the start with one sentence.
    func contextHolder() throws -> TLSContextHolder? {
        guard let tlsCert, let tlsKey else { return nil }
        do {
            return try TLSContextHolder(
                ServerTLSSettings(files: TLSFiles(certificateChain: tlsCert, privateKey: tlsKey, clientCA: clientCa)))
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// `serve`'s options for `push` interaction finishes sent to other machines (RFC 9635 §4.2.2).
struct PushOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Hosts (comma-separated) the AS may push interaction finishes to, over https only.",
            discussion: "Plain http is allowed only to loopback, when the AS itself listens on loopback.",
            valueName: "hosts"))
    var pushHosts: String?

    @Option(
        help: ArgumentHelp(
            "PEM CA certificates trusted for https push callbacks besides the system's.", valueName: "file"))
    var pushCa: String?

    var hosts: Set<String> {
        Set(
            (pushHosts ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty })
    }

    /// The transport for pushes, with the extra CA when given.
    func transport() throws -> any FinishPushTransport {
        guard let pushCa else { return AsyncHTTPFinishPushTransport() }
        do {
            return try AsyncHTTPFinishPushTransport(trustedCAFile: pushCa)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

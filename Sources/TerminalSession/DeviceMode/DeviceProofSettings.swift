import GNAPClient

/// How `gnapterm device` proves its key (RFC 9635 §7.3) and reaches the AS over TLS; kept with the stored grant so
/// that `gnapterm device token` proves its calls the same way.
public struct DeviceProofSettings: Sendable, Hashable, Codable {
    /// The proof method (`--proof`).
    public var method: ClientProofMethod
    /// The PEM certificate and key of an `mtls` client (`--cert`, `--key`); without them the device's own key is used
    /// with a self-signed certificate (``DeviceCertificate``).
    public var certificateFile: String?
    public var keyFile: String?
    /// A PEM file of CA certificates trusted for the AS's https certificate besides the system's (`--ca`).
    public var trustedCAFile: String?

    /// - Parameters:
    ///   - method: default httpsig.
    ///   - certificateFile: default none.
    ///   - keyFile: default none.
    ///   - trustedCAFile: default none.
    public init(
        method: ClientProofMethod = .httpsig, certificateFile: String? = nil, keyFile: String? = nil,
        trustedCAFile: String? = nil
    ) {
        self.method = method
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.trustedCAFile = trustedCAFile
    }

    private enum CodingKeys: String, CodingKey {
        case method
        case certificateFile = "certificate_file"
        case keyFile = "key_file"
        case trustedCAFile = "trusted_ca_file"
    }

    /// Checks the combination: `--cert` and `--key` together, and only with mtls.
    public func validate() throws(SessionError) {
        guard (certificateFile == nil) == (keyFile == nil) else {
            throw SessionError("give both --cert and --key, or neither")
        }
        if certificateFile != nil && method != .mtls {
            throw SessionError("--cert and --key are for --proof mtls (the TLS client certificate)")
        }
    }
}

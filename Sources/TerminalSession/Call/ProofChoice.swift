import GNAPClient

/// What `gnapterm call` was told about proofs (`--proof`, `--cert`, `--key`, `--ca`): each member nil when not
/// given, so that the stored grant's settings apply (its tokens are bound to that key and method, RFC 9635 §7.2).
public struct ProofChoice: Sendable, Hashable {
    public var method: ClientProofMethod?
    public var certificateFile: String?
    public var keyFile: String?
    /// A PEM file of CA certificates trusted for the RS's and the AS's https certificates besides the system's.
    public var trustedCAFile: String?

    /// - Parameters:
    ///   - method: default nil (the stored grant's method, else httpsig).
    ///   - certificateFile: default nil.
    ///   - keyFile: default nil.
    ///   - trustedCAFile: default nil.
    public init(
        method: ClientProofMethod? = nil, certificateFile: String? = nil, keyFile: String? = nil,
        trustedCAFile: String? = nil
    ) {
        self.method = method
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.trustedCAFile = trustedCAFile
    }
}

import HTTPMessageSignatures

/// The interaction hash (RFC 9635 §4.2.3) that ties a finish callback to the grant request: both the AS and the
/// client compute it from the two nonces, the interaction reference and the grant endpoint URI.
public struct InteractionHash: Sendable, Hashable {
    /// `nonce` of the client's `interact.finish` (§2.5.2).
    public var clientNonce: String
    /// The AS's `interact.finish` nonce from the grant response (§3.3.5).
    public var serverNonce: String
    /// `interact_ref` (§4.2).
    public var interactRef: String
    /// The grant endpoint URI the client sent its initial request to (§2).
    public var grantEndpoint: String
    public var method: InteractionHashMethod

    public init(
        clientNonce: String, serverNonce: String, interactRef: String, grantEndpoint: String,
        method: InteractionHashMethod = .sha256
    ) {
        self.clientNonce = clientNonce
        self.serverNonce = serverNonce
        self.interactRef = interactRef
        self.grantEndpoint = grantEndpoint
        self.method = method
    }

    /// The hash base string: the four values joined by single LF characters, without a trailing newline.
    public var base: String {
        [clientNonce, serverNonce, interactRef, grantEndpoint].joined(separator: "\n")
    }

    /// The hash of the ASCII bytes of ``base``, in unpadded base64url (RFC 4648 §5).
    public var value: String { Base64URL.encode(method.digest(Array(base.utf8))) }

    /// Whether `received` is this hash, compared in constant time (the client's check of §4.2.1 and §4.2.2).
    public func matches(_ received: String) -> Bool {
        constantTimeEquals(Array(value.utf8), Array(received.utf8))
    }
}

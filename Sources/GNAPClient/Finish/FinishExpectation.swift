import GNAP

/// What a client needs to check a finish callback's interaction hash (RFC 9635 §4.2.3): its own nonce, the AS's
/// nonce from the grant response, the grant endpoint it used and the hash method it asked for.
public struct FinishExpectation: Sendable, Hashable {
    public var clientNonce: String
    public var serverNonce: String
    public var grantEndpoint: String
    public var hashMethod: InteractionHashMethod

    public init(
        clientNonce: String, serverNonce: String, grantEndpoint: String, hashMethod: InteractionHashMethod = .sha256
    ) {
        self.clientNonce = clientNonce
        self.serverNonce = serverNonce
        self.grantEndpoint = grantEndpoint
        self.hashMethod = hashMethod
    }

    /// Whether the callback's hash is the one the AS must have computed (§4.2.1, §4.2.2: "MUST calculate and
    /// validate the hash value"). Constant time.
    public func verifies(_ callback: InteractionFinishCallback) -> Bool {
        InteractionHash(
            clientNonce: clientNonce, serverNonce: serverNonce, interactRef: callback.interactRef,
            grantEndpoint: grantEndpoint, method: hashMethod
        ).matches(callback.hash)
    }
}

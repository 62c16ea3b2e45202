/// What the AS keeps of a grant's interaction finish method (RFC 9635 §2.5.2, §3.3.5) to follow it when the
/// interaction ends (§4.2). The nonces are not credentials: together with the one-time interaction reference they
/// only let the client check the interaction hash (§4.2.3).
public struct GrantFinish: Sendable, Hashable, Codable {
    public var method: FinishMethod
    /// The client's callback URI.
    public var uri: String
    /// The client's nonce (`interact.finish.nonce`).
    public var clientNonce: String
    /// The AS's nonce (`interact.finish` of the response).
    public var serverNonce: String
    /// The IANA name of the hash method (`sha-256` when the client named none).
    public var hashMethod: String
    /// The grant endpoint URI the client sent the request to (the last line of the hash base).
    public var grantEndpoint: String

    public init(
        method: FinishMethod, uri: String, clientNonce: String, serverNonce: String, hashMethod: String,
        grantEndpoint: String
    ) {
        self.method = method
        self.uri = uri
        self.clientNonce = clientNonce
        self.serverNonce = serverNonce
        self.hashMethod = hashMethod
        self.grantEndpoint = grantEndpoint
    }

    public init(_ validated: ValidatedFinish, serverNonce: String, grantEndpoint: String) {
        self.init(
            method: validated.method, uri: validated.uri, clientNonce: validated.nonce, serverNonce: serverNonce,
            hashMethod: validated.hashMethod.name, grantEndpoint: grantEndpoint)
    }

    /// The interaction hash for `interactRef` (§4.2.3).
    public func hash(interactRef: String) throws(GNAPError) -> InteractionHash {
        InteractionHash(
            clientNonce: clientNonce, serverNonce: serverNonce, interactRef: interactRef, grantEndpoint: grantEndpoint,
            method: try InteractionHashMethod(name: hashMethod))
    }
}

import HTTPMessageSignatures

/// `POST /interact/v1/devices/rotate`: replace the calling device's key with `jwk`. The request is signed by the
/// current key (tag `gnapterm`) and then by the new one (tag `gnap-rotate`, covering the first signature, as RFC 9635
/// §7.3.1.1 does for client keys), so the AS knows both are held by the same party.
public struct DeviceKeyRotationRequest: Sendable, Hashable, Codable {
    /// The new public key.
    public var jwk: JWK

    public init(jwk: JWK) { self.jwk = jwk }
}

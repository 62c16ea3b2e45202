import GNAP
import HTTPMessageSignatures

extension InteractionClient {
    /// Moves this device to `newKey` (`POST /devices/rotate`): signed by the current key, then by `newKey` with tag
    /// `gnap-rotate`. The AS enrolls the new key and revokes the current one in one step. Returns the answer and a
    /// client that signs with the new key under the new device id.
    public func rotateDeviceKey(to newKey: SigningKey) async throws(GNAPClientError) -> (
        enrollment: EnrollmentResponse, client: InteractionClient
    ) {
        let jwk: JWK
        var proving = newKey
        do {
            jwk = try newKey.publicJWK()
            // The new key's signature names the key by its thumbprint: it has no device id yet.
            proving.keyID = try jwk.thumbprint()
        } catch {
            throw .signing(error.description)
        }
        let enrollment = try await client.sendRotation(
            .post, url: endpoint + "/devices/rotate", json: DeviceKeyRotationRequest(jwk: jwk), newKey: proving,
            as: EnrollmentResponse.self)
        var signing = newKey
        signing.keyID = enrollment.deviceID
        return (enrollment, InteractionClient(client: client.with(key: signing), endpoint: endpoint))
    }

    init(client: SignedClient, endpoint: String) {
        self.client = client
        self.endpoint = endpoint
    }

    /// The same client signing with `key` (whose `keyID` must be its device id), e.g. a key rotated elsewhere.
    public func signing(with key: SigningKey) -> InteractionClient {
        InteractionClient(client: client.with(key: key), endpoint: endpoint)
    }
}

extension SignedClient {
    /// The same client signing with `key`.
    func with(key: SigningKey) -> SignedClient {
        SignedClient(transport: transport, key: key, profile: profile, digest: digest, clock: clock)
    }
}

import GNAP
import HTTPMessageSignatures

/// The approver side of the interaction API: every call signed with the device key (keyid = device id, or the key's
/// thumbprint when enrolling).
public struct InteractionClient: Sendable {
    public let client: SignedClient
    /// The interaction API base, e.g. `http://127.0.0.1:8080/interact/v1`.
    public let endpoint: String

    public init<C: Clock & Sendable>(transport: any HTTPTransport, key: SigningKey, endpoint: String, clock: C)
    where C.Instant == WallInstant {
        client = SignedClient(transport: transport, key: key, profile: .approverAPI, clock: clock)
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
    }

    /// Enrolls `key` (whose `keyID` must be its thumbprint) with a one-time code.
    public func enroll(code: String, deviceName: String) async throws(GNAPClientError) -> EnrollmentResponse {
        let jwk: JWK
        do {
            jwk = try client.key.publicJWK()
        } catch {
            throw .signing(error.description)
        }
        return try await client.send(
            .post, url: endpoint + "/enroll", json: EnrollmentRequest(code: code, deviceName: deviceName, jwk: jwk),
            as: EnrollmentResponse.self)
    }

    public func enterCode(_ code: UserCode) async throws(GNAPClientError) -> InteractionReview {
        try await client.send(
            .post, url: endpoint + "/code", json: CodeEntryRequest(userCode: code.display), as: InteractionReview.self)
    }

    /// Opens an interaction by its interaction URL or application URI (the `redirect`/`app` start modes) instead of
    /// a user code; the AS binds it to this approver like a code.
    public func openInteraction(_ interaction: String) async throws(GNAPClientError) -> InteractionReview {
        try await client.send(
            .post, url: endpoint + "/interaction", json: InteractionOpenRequest(interaction: interaction),
            as: InteractionReview.self)
    }

    public func review(grantID: String) async throws(GNAPClientError) -> InteractionReview {
        try await client.send(
            .get, url: endpoint + "/grants/" + grantID, json: NoContent?.none, as: InteractionReview.self)
    }

    public func approve(grantID: String, _ request: ApprovalRequest) async throws(GNAPClientError) -> DecisionResponse {
        try await client.send(
            .post, url: endpoint + "/grants/\(grantID)/approve", json: request, as: DecisionResponse.self)
    }

    public func deny(grantID: String, reason: String) async throws(GNAPClientError) -> DecisionResponse {
        try await client.send(
            .post, url: endpoint + "/grants/\(grantID)/deny", json: DenialRequest(reason: reason),
            as: DecisionResponse.self)
    }
}

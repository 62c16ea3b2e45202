import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// An enrolled approver device: the admin's (enrolled with the code `serve` wrote on first start), which signs the
/// admin API, or one of the approver accounts' (``ApproverPool``), which sign code entries and approvals. Profile
/// ``SignatureProfile/approverAPI``: every request carries a nonce and `keyid` is the device id.
struct ApproverIdentity: Sendable {
    let key: SigningKey

    static func enroll(code: String, role: Account.Role, authority: String, client: SetupClient) async throws
        -> ApproverIdentity
    {
        var key = SigningKey.generateEd25519()
        let jwk = try key.publicJWK()
        // §POST /interact/v1/enroll (Assets/openapi.yaml): signed by the key being enrolled, keyid its thumbprint.
        key.keyID = try jwk.thumbprint()
        let body = try GNAPJSON.encode(EnrollmentRequest(code: code, deviceName: "as-load benchmark", jwk: jwk))
        let signed = try RequestSigner.sign(
            method: .post, path: "/interact/v1/enroll", authority: authority, body: body, key: key,
            profile: .approverAPI, created: WallClock().now, nonce: Secrets.identifier())
        let response = try await client.send(signed.request)
        let enrolled = try SetupClient.decode(EnrollmentResponse.self, response, status: 201, "enrolment")
        guard enrolled.account.role == role else {
            throw BenchmarkFailure("the enrolled account's role is not \(role)")
        }
        key.keyID = enrolled.deviceID
        return ApproverIdentity(key: key)
    }

    func sign(
        _ method: HTTPRequest.Method, _ path: String, body: [UInt8] = [], authority: String, created: WallInstant
    ) throws -> RequestSigner.Signed {
        try RequestSigner.sign(
            method: method, path: path, authority: authority, body: body, key: key, profile: .approverAPI,
            created: created, nonce: Secrets.identifier())
    }
}

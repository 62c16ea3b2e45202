import GNAP
import GNAPClient
import HTTPMessageSignatures

/// Connects `gnapterm admin --as URL` to a running AS: the admin API is signed with the approver device key this
/// terminal enrolled at that AS (`gnapterm approve --as URL --enroll CODE`), so no password or shared secret exists.
public enum AdminSession {
    public static func connect<C: Clock & Sendable>(
        server input: String, store: any ApproverStore, transport: any HTTPTransport, clock: C
    ) async throws(SessionError) -> AdminClient where C.Instant == WallInstant {
        let server = try ServerAddress.normalize(input)
        let identity: ApproverIdentity?
        do {
            identity = try await store.approverIdentity(server: server)
        } catch {
            throw .store(error)
        }
        guard let identity else { throw .notEnrolled(server) }
        var key: SigningKey
        do {
            key = try SigningKey(jwk: identity.privateKey)
        } catch {
            throw SessionError("the stored device key is unusable (\(error)); enroll again")
        }
        key.keyID = identity.deviceID
        return AdminClient(transport: transport, key: key, server: server, clock: clock)
    }
}

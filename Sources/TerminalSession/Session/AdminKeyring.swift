import GNAP
import GNAPClient
import HTTPMessageSignatures
import Synchronization

/// The admin client of a long-running view, signed with this terminal's device key at one AS, and the renewal of
/// that key when it was rotated in another terminal (`gnapterm keys rotate`, or the approver's keys pane): the AS
/// then answers `unknown_device` to the old key, and ``renew()`` reads the stored identity again and signs with the
/// new key from then on. A rotated key that is sealed opens with the key derived from the passphrase when this
/// view started (the rotation seals it again under the same passphrase, salt and cost), so nobody is asked again.
public final class AdminKeyring: Sendable {
    public let server: String
    let store: any ApproverStore
    let makeClient: @Sendable (SigningKey) -> AdminClient
    private let state: Mutex<State>

    struct State {
        var identity: ApproverIdentity
        var resealer: KeySeal.Resealer?
        var admin: AdminClient
    }

    /// Loads the identity enrolled at `server` (a sealed key opened with `passphrase(attempt)`, as
    /// ``AdminSession/connect(server:store:transport:clock:passphrase:)`` does).
    public init<C: Clock & Sendable>(
        server input: String, store: any ApproverStore, transport: any HTTPTransport, clock: C,
        passphrase: (Int) async -> String? = { _ in nil }
    ) async throws(SessionError) where C.Instant == WallInstant {
        let server = try ServerAddress.normalize(input)
        let stored: ApproverIdentity?
        do {
            stored = try await store.approverIdentity(server: server)
        } catch {
            throw .store(error)
        }
        guard let stored else { throw .notEnrolled(server) }
        let (identity, resealer) = try await DeviceKeyVault(store: store).unlockKeepingKey(
            stored, passphrase: passphrase)
        let makeClient: @Sendable (SigningKey) -> AdminClient = { key in
            AdminClient(transport: transport, key: key, server: server, clock: clock)
        }
        self.server = server
        self.store = store
        self.makeClient = makeClient
        state = Mutex(
            State(
                identity: identity, resealer: resealer, admin: makeClient(try Self.signingKey(identity))))
    }

    /// The client to sign the next call with.
    public var admin: AdminClient { state.withLock { $0.admin } }

    /// The identity in use.
    public var identity: ApproverIdentity { state.withLock { $0.identity } }

    /// Signs with the stored key from now on when it differs from the one in use; true when it did. False when the
    /// store holds the same key (the AS revoked it: nothing here can help). Throws a sentence when the new key
    /// cannot be opened without a passphrase, or this terminal has no key for the AS any more.
    public func renew() async throws(SessionError) -> Bool {
        let (current, resealer) = state.withLock { ($0.identity, $0.resealer) }
        let stored: ApproverIdentity?
        let sealed: SealedApproverKey?
        do {
            stored = try await store.approverIdentity(server: server)
            sealed = try await store.sealedApproverKey(server: server)
        } catch {
            throw .store(error)
        }
        guard var renewed = stored else {
            throw SessionError(
                "this terminal no longer has a device key for \(server); enroll again: gnapterm approve --as "
                    + "\(server) --enroll CODE")
        }
        guard renewed.deviceID != current.deviceID || renewed.privateKey.publicKey != current.privateKey.publicKey
        else { return false }
        if let sealed {
            do throws(KeySealError) {
                guard let resealer else { throw .wrongPassphrase }
                renewed.privateKey = try resealer.open(sealed.envelope, server: server, deviceID: renewed.deviceID)
            } catch {
                throw SessionError(
                    "the device key for \(server) was replaced in another terminal and is sealed with a passphrase "
                        + "this view did not open; quit and start gnapterm admin again")
            }
        }
        let key = try Self.signingKey(renewed)
        let client = makeClient(key)
        state.withLock {
            $0.identity = renewed
            $0.admin = client
        }
        return true
    }

    static func signingKey(_ identity: ApproverIdentity) throws(SessionError) -> SigningKey {
        var key: SigningKey
        do {
            key = try SigningKey(jwk: identity.privateKey)
        } catch {
            throw SessionError("the stored device key is unusable; enroll again")
        }
        key.keyID = identity.deviceID
        return key
    }
}

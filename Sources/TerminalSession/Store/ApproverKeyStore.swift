import GNAP

/// The approver's device keys at rest: every enrolled identity, and the private keys sealed under a passphrase.
///
/// A sealed identity is stored with only its public JWK in `ApproverIdentity.privateKey`; the private JWK is in the
/// `SealedApproverKey` envelope. Saving an identity with `ApproverStore.saveApproverIdentity` stores its key in the
/// clear and removes any seal of that server.
public protocol ApproverKeyStore: Sendable {
    /// Every identity of this terminal, one per AS, in server order.
    func approverIdentities() async throws -> [ApproverIdentity]
    /// The sealed private key of the identity at `server`, if it is sealed.
    func sealedApproverKey(server: String) async throws -> SealedApproverKey?
    /// Stores `identity` (whose `privateKey` is the public JWK) with its private key sealed, in one transaction.
    func saveSealedApproverIdentity(_ identity: ApproverIdentity, sealed: SealedApproverKey) async throws
}

/// A private key encrypted under a passphrase. `envelope` is opaque to the store (the terminal apps define it).
public struct SealedApproverKey: Sendable, Hashable {
    public var server: String
    public var envelope: String
    public var sealedAt: WallInstant

    public init(server: String, envelope: String, sealedAt: WallInstant) {
        self.server = server
        self.envelope = envelope
        self.sealedAt = sealedAt
    }
}

import HTTPMessageSignatures

/// A proof that verified.
public struct VerifiedJWSProof: Sendable, Hashable {
    /// The protected header of the JWS made with the key.
    public var header: JOSEHeader
    /// Its `created`.
    public var created: Int64
    /// The request content: for `jwsd` the body; for `jws` the JWS payload, which the verifier "MUST ... treat as
    /// the request content for further processing" (§7.3.4).
    public var content: [UInt8]
    /// What a replay cache records for this proof.
    public var replay: ProofReplay
}

/// The values a replay cache needs (the proof methods keep no state): record `value` under the key's identity
/// until `expiresAt` and refuse it while it is there, e.g. with `NonceReplayCache.record(keyID:nonce:expiresAt:now:)`.
public struct ProofReplay: Sendable, Hashable {
    /// Base64url SHA-256 of the signature (of its `r` half for ECDSA, whose `s` anyone can negate): one value per
    /// signing act, which a captured proof cannot change.
    public var value: String
    /// The first second at which the proof can no longer pass the policy's age check (Unix seconds).
    public var expiresAt: Int64
}

/// Both proofs of a key rotation (§6.1.1): `old` by the current key, `new` by the new key, which covers `old`.
public struct VerifiedJWSRotation: Sendable, Hashable {
    public var old: VerifiedJWSProof
    public var new: VerifiedJWSProof
    /// The request content (carrying the new key).
    public var content: [UInt8] { old.content }
}

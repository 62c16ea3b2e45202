/// How many signed requests one key may have in the replay cache at once. Every parameter has a documented default.
public struct ReplayPolicy: Sendable, Hashable {
    /// The nonces one key (a client instance's key, or an approver device) may have recorded within the time its
    /// signatures stay acceptable (about 6 minutes for clients, 3 for approvers). A key over it gets 429 until its
    /// oldest nonces expire; other keys are not affected. It also bounds what checking a nonce costs.
    public var noncesPerKey: Int

    /// - Parameter noncesPerKey: default 2,000 (over 5 signed requests a second, sustained, per key).
    public init(noncesPerKey: Int = 2_000) { self.noncesPerKey = max(1, noncesPerKey) }
}

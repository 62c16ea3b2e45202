/// Which interaction finish requests (RFC 9635 §2.5.2) the AS accepts.
public struct FinishPolicy: Sendable, Hashable {
    /// Finish methods the AS can carry out (§2.5.2: `redirect`, `push`).
    public var methods: Set<FinishMethod>
    /// Whether `push` callbacks may go to loopback addresses (`localhost`, 127.0.0.0/8, `::1`), over http or https.
    /// An AS reachable from other machines must not allow this: a client could make it POST to services that
    /// listen only on the AS's own loopback interface (§11.34, SSRF).
    public var allowsLoopbackPush: Bool
    /// Other hosts `push` callbacks may go to, over https only (exact, case-insensitive host names). Everything else
    /// is refused: the AS does not resolve names to check addresses, so it cannot tell an internal host apart.
    public var pushHosts: Set<String>
    /// Longest finish `uri` accepted.
    public var maximumURILength: Int
    /// Longest client `nonce` accepted.
    public var maximumNonceLength: Int

    /// - Parameters:
    ///   - methods: default `redirect` and `push`.
    ///   - allowsLoopbackPush: default false.
    ///   - pushHosts: default none.
    ///   - maximumURILength: default 2048.
    ///   - maximumNonceLength: default 256.
    public init(
        methods: Set<FinishMethod> = [.redirect, .push], allowsLoopbackPush: Bool = false, pushHosts: Set<String> = [],
        maximumURILength: Int = 2048, maximumNonceLength: Int = 256
    ) {
        self.methods = methods
        self.allowsLoopbackPush = allowsLoopbackPush
        self.pushHosts = Set(pushHosts.map { $0.lowercased() })
        self.maximumURILength = maximumURILength
        self.maximumNonceLength = maximumNonceLength
    }
}

/// Interaction finish methods (RFC 9635 §2.5.2).
public enum FinishMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// The AS sends the person's browser to the client's URI (§2.5.2.1, §4.2.1).
    case redirect
    /// The AS POSTs to the client's URI (§2.5.2.2, §4.2.2).
    case push
}

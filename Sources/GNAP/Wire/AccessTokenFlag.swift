/// Access token flags (RFC 9635 §2.1.1, §3.2.1; registry §10.3).
public enum AccessTokenFlag {
    /// Not bound to a key (§2.1.1): asked for by the client, allowed or refused by the AS.
    public static let bearer = "bearer"
    /// Survives grant modification (§3.2.1): set by the AS, never requested.
    public static let durable = "durable"
}

import HTTPMessageSignatures

/// The position after the last grant of a page (``GrantQuery/cursor``): its creation time and id (the listing's sort
/// key), as opaque text. One format for every backend.
public struct GrantCursor: Sendable, Hashable {
    /// Milliseconds since the epoch.
    public var createdAt: Int64
    public var id: String

    public init(createdAt: Int64, id: String) {
        self.createdAt = createdAt
        self.id = id
    }

    public init?(_ text: String) {
        guard let bytes = Base64URL.decode(text), let decoded = String(bytes: bytes, encoding: .utf8) else {
            return nil
        }
        let parts = decoded.split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let createdAt = Int64(parts[0]), !parts[1].isEmpty else { return nil }
        self.init(createdAt: createdAt, id: String(parts[1]))
    }

    public var text: String { Base64URL.encode(Array("\(createdAt)|\(id)".utf8)) }
}

/// A client's modification of its grant request (RFC 9635 §5.3), as the state machine needs it: the request before
/// and after, already validated by the shell.
public struct GrantModification: Sendable, Hashable {
    /// The token requests before the modification; the current approval's indices point into them.
    public var currentTokens: [AccessTokenRequest]
    /// The token requests after the modification (fields the client left out are unchanged, §5.3).
    public var tokens: [AccessTokenRequest]
    /// The subject identifier formats asked for after the modification.
    public var subjectFormats: [String]
    /// The subject assertion formats asked for after the modification.
    public var assertionFormats: [String]
    /// Whether the modified request lets the AS interact with the resource owner (a supported start mode).
    public var canInteract: Bool
    /// How long a new interaction would stay usable.
    public var interactionLifetime: Duration
    /// Whether the modified request has an interaction finish method (§2.5.2), so a new interaction ends with a
    /// new interaction reference (§4.2, §5.1).
    public var expectsInteractRef: Bool

    public init(
        currentTokens: [AccessTokenRequest], tokens: [AccessTokenRequest], subjectFormats: [String],
        assertionFormats: [String] = [], canInteract: Bool, interactionLifetime: Duration,
        expectsInteractRef: Bool = false
    ) {
        self.currentTokens = currentTokens
        self.tokens = tokens
        self.subjectFormats = subjectFormats
        self.assertionFormats = assertionFormats
        self.canInteract = canInteract
        self.interactionLifetime = interactionLifetime
        self.expectsInteractRef = expectsInteractRef
    }
}

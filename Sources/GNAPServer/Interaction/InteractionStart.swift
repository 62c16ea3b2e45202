import GNAP

/// The per-grant values behind the `redirect`/`app` start modes and the finish nonce (RFC 9635 §3.3.1, §3.3.2,
/// §3.3.5), drawn when a grant is created.
struct InteractionStart: Sendable {
    /// The interaction URL and application URI, when the client can use either.
    let locator: InteractionLocator?
    let offersRedirect: Bool
    let offersApp: Bool
    /// What the AS keeps of the finish method, with its own nonce.
    let finish: GrantFinish?

    init(_ validated: ValidatedGrantRequest, publicURL: PublicURL) {
        offersRedirect = validated.startModes.contains(StartMode.redirect)
        offersApp = validated.startModes.contains(StartMode.app)
        // §3.3.1: "unique for the request"; 256 random bits, so the URL cannot be guessed while it is usable.
        locator =
            offersRedirect || offersApp ? InteractionLocator(base: publicURL.base, id: Secrets.token()) : nil
        // §3.3.5: the AS's nonce, unique per request (it is one line of the interaction hash base, §4.2.3).
        finish = validated.finish.map {
            GrantFinish($0, serverNonce: Secrets.identifier(), grantEndpoint: publicURL.grantEndpoint)
        }
    }

    var interactionIDHash: String? { locator.map { Secrets.hash($0.id) } }

    /// Fills the start-mode and finish members of the grant response's `interact` (§3.3).
    func apply(to response: inout InteractResponse) {
        response.redirect = offersRedirect ? locator?.url : nil
        response.app = offersApp ? locator?.appURI : nil
        response.finish = finish?.serverNonce
    }
}

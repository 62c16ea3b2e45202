import GNAP
import HTTPTypes
import Hummingbird

/// `GET /interact/{interaction}`: the page behind the `redirect` start mode's URL (RFC 9635 §4.1.1). It holds nothing
/// beyond the URL itself (no client name, no requested rights: anyone with the link can load it) and tells the
/// person how to review the request from a terminal. A link that belongs to no active request gets an error page,
/// and never a redirect back to the client (§4.1.1).
struct InteractionPage: Sendable {
    let grants: any GrantStore
    let publicURL: PublicURL
    let clock: AnyWallClock

    func response(id: String) async -> Response {
        let locator = InteractionLocator(base: publicURL.base, id: id)
        let grant: GrantRecord?
        do {
            grant = try await grants.grant(interactionIDHash: Secrets.hash(id))
        } catch {
            return Self.page(
                .internalServerError, title: "Something went wrong",
                body: "<p>The server could not look up this link. Try again in a moment.</p>")
        }
        guard let grant else {
            return Self.page(
                .notFound, title: "Unknown link",
                body:
                    "<p>No request has this link. Check that you copied all of it, or ask the device for a new one.</p>"
            )
        }
        let lifecycle = grant.lifecycle
        if lifecycle.status != .pending || clock.now >= lifecycle.interactionExpiresAt {
            return Self.page(
                .gone, title: "This link is no longer active",
                body: "<p>The request was already decided, or it expired. Ask the device for a new one if needed.</p>")
        }
        if lifecycle.interactionChannel == .userCode {
            return Self.page(
                .gone, title: "This link is no longer active",
                body: "<p>This request is being approved with its user code, so its link cannot be used.</p>")
        }
        let command = "gnapterm approve --as \(publicURL.base) \(locator.url)"
        return Self.page(
            .ok, title: "Approve a request",
            body: """
                <p>A device asks for access and sent you here. Review it and approve or deny it from a terminal \
                where <code>gnapterm</code> is enrolled with this server:</p>
                <pre>\(Self.escape(command))</pre>
                <p>The review shows who is asking and for what. Approve only if you started this yourself.</p>
                """)
    }

    static func page(_ status: HTTPResponse.Status, title: String, body: String) -> Response {
        HTMLPage.response(
            status,
            html: """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>gnapterm: \(escape(title))</title></head>
                <body>
                <h1>\(escape(title))</h1>
                \(body)
                </body></html>
                """)
    }

    static func escape(_ text: String) -> String { HTMLPage.escape(text) }
}

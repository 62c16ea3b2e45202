import GNAP
import HTTPTypes
import Hummingbird

/// Every route of the AS. The handlers are thin: read the signed request, call a service, encode the answer.
enum Routes {
    static func add(to router: Router<ASRequestContext>, _ components: ServerComponents) {
        let limits = components.configuration.limits
        let policy = components.configuration.requestPolicy
        let grants = components.grants
        let continuation = components.continuation
        let modification = components.modification
        let cancellation = components.cancellation
        let enrollment = components.enrollment
        let interaction = components.interaction
        let interactionPage = components.interactionPage
        let tokens = components.tokens
        let instanceKeys = components.instanceKeys
        let assertionKey = components.assertionKey
        let publicURL = components.publicURL
        let rsSettings = components.configuration.resourceServers

        @Sendable func read(_ request: Request, _ context: ASRequestContext) async throws(APIError) -> SignedRequest {
            try await SignedRequest.read(request, context: context, publicURL: publicURL, limits: limits)
        }

        // RFC 9767 §3.1: the RS-facing discovery document.
        router.get("/.well-known/gnap-as-rs") { _, _ in
            JSONResponse.make(
                value: ResourceServerDiscoveryDocument.document(settings: rsSettings, publicURL: publicURL))
        }
        router.get("/device") { _, _ in DevicePage.response(base: publicURL.base) }
        // RFC 9635 §9: discovery is an unsigned OPTIONS on the grant endpoint.
        router.on("/gnap", method: .options) { _, _ in
            JSONResponse.make(value: GrantDiscovery.document(policy: policy, publicURL: publicURL))
        }
        // The JWK Set that verifies the AS's `id_token` assertions (§3.4.1).
        router.get("/.well-known/jwks.json") { _, _ in
            JSONResponse.make(value: assertionKey.jwkSet)
        }
        // RFC 9635 §3.3.1, §4.1.1: the `redirect` start mode's interaction URL.
        router.get("/interact/{interaction}") { _, context in
            await interactionPage.response(id: try context.parameters.require("interaction"))
        }

        // RFC 9635 §2 / §3: the grant endpoint.
        router.post("/gnap") { request, context in
            JSONResponse.make(value: try await grants.create(try await read(request, context)))
        }
        // RFC 9635 §5: continuation, one URI per grant.
        router.post("/gnap/continue/{grant}") { request, context in
            let id = try context.parameters.require("grant")
            let response = try await continuation.continueGrant(id: id, try await read(request, context))
            return JSONResponse.make(status: response.status, value: response)
        }
        // RFC 9635 §5.3: modify the grant request; §5.4: cancel it.
        router.patch("/gnap/continue/{grant}") { request, context in
            let id = try context.parameters.require("grant")
            let response = try await modification.modify(grantID: id, try await read(request, context))
            return JSONResponse.make(status: response.status, value: response)
        }
        router.delete("/gnap/continue/{grant}") { request, context in
            let id = try context.parameters.require("grant")
            try await cancellation.cancel(grantID: id, try await read(request, context))
            return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        }

        // RFC 9635 §6: token management (rotate, rotate with a new key, revoke).
        router.post("/gnap/token/{token}") { request, context in
            let id = try context.parameters.require("token")
            return JSONResponse.make(value: try await tokens.rotate(tokenID: id, try await read(request, context)))
        }
        router.delete("/gnap/token/{token}") { request, context in
            let id = try context.parameters.require("token")
            try await tokens.revoke(tokenID: id, try await read(request, context))
            return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        }
        // gnapterm extension: rotate a client instance's key (RFC 9635 §7.3.1.1 signatures).
        router.post("/gnap/instances/{instance}/key") { request, context in
            let id = try context.parameters.require("instance")
            return JSONResponse.make(
                value: try await instanceKeys.rotate(instanceID: id, try await read(request, context)))
        }

        // RFC 9767 §3.3 introspection and §3.4 resource set registration, each only when offered (§3.1).
        ResourceServerRoutes.add(to: router, components, read: read)

        // The admin API and the approver's own listings (Admin/AdminRoutes.swift).
        AdminRoutes.add(to: router, components, read: read)
        // The approver's inbox of asynchronous requests (Inbox/InboxRoutes.swift).
        InboxRoutes.add(to: router, components.inbox, read: read)

        // The approver interaction API (Assets/openapi.yaml).
        let api = router.group("/interact/v1")
        api.post("/enroll") { request, context in
            JSONResponse.make(status: .created, value: try await enrollment.enroll(try await read(request, context)))
        }
        api.post("/code") { request, context in
            JSONResponse.make(value: try await interaction.enterCode(try await read(request, context)))
        }
        api.post("/interaction") { request, context in
            JSONResponse.make(value: try await interaction.openInteraction(try await read(request, context)))
        }
        api.get("/grants/{grant}") { request, context in
            let id = try context.parameters.require("grant")
            return JSONResponse.make(value: try await interaction.review(grantID: id, try await read(request, context)))
        }
        api.post("/grants/{grant}/approve") { request, context in
            let id = try context.parameters.require("grant")
            return JSONResponse.make(
                value: try await interaction.approve(grantID: id, try await read(request, context)))
        }
        api.post("/grants/{grant}/deny") { request, context in
            let id = try context.parameters.require("grant")
            return JSONResponse.make(value: try await interaction.deny(grantID: id, try await read(request, context)))
        }
    }
}

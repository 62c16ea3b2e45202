import GNAP
import HTTPTypes
import Hummingbird

/// The admin API (`/admin/v1`) and the approver's own listings under `/interact/v1` (Assets/openapi.yaml).
enum AdminRoutes {
    typealias Reader = @Sendable (Request, ASRequestContext) async throws(APIError) -> SignedRequest

    static func add(to router: Router<ASRequestContext>, _ components: ServerComponents, read: @escaping Reader) {
        let admin = components.admin
        let api = router.group("/admin/v1")
        api.get("/grants") { request, context in
            JSONResponse.make(
                value: try await admin.listGrants(
                    try await read(request, context), parameters: request.queryDictionary()))
        }
        api.get("/grants/{grant}") { request, context in
            let id = try context.parameters.require("grant")
            return JSONResponse.make(value: try await admin.grantDetail(id: id, try await read(request, context)))
        }
        api.post("/grants/{grant}/deny") { request, context in
            let id = try context.parameters.require("grant")
            return JSONResponse.make(value: try await admin.deny(grantID: id, try await read(request, context)))
        }
        api.post("/grants/{grant}/revoke") { request, context in
            let id = try context.parameters.require("grant")
            return JSONResponse.make(value: try await admin.revoke(grantID: id, try await read(request, context)))
        }
        api.get("/counts") { request, context in
            JSONResponse.make(value: try await admin.counts(try await read(request, context)))
        }
        api.get("/accounts") { request, context in
            JSONResponse.make(value: try await admin.listAccounts(try await read(request, context)))
        }
        api.post("/accounts") { request, context in
            JSONResponse.make(status: .created, value: try await admin.addAccount(try await read(request, context)))
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            api.post("/accounts/{username}/\(action)") { request, context in
                let username = try context.parameters.require("username")
                return JSONResponse.make(
                    value: try await admin.setDisabled(username: username, disabled, try await read(request, context)))
            }
        }
        api.post("/accounts/{username}/role") { request, context in
            let username = try context.parameters.require("username")
            return JSONResponse.make(
                value: try await admin.setRole(username: username, try await read(request, context)))
        }
        api.post("/accounts/{username}/invitations") { request, context in
            let username = try context.parameters.require("username")
            return JSONResponse.make(
                status: .created, value: try await admin.invite(username: username, try await read(request, context)))
        }
        api.get("/accounts/{username}/devices") { request, context in
            let username = try context.parameters.require("username")
            return JSONResponse.make(
                value: try await admin.devices(username: username, try await read(request, context)))
        }
        api.delete("/devices/{device}") { request, context in
            let id = try context.parameters.require("device")
            return JSONResponse.make(value: try await admin.revokeDevice(id: id, try await read(request, context)))
        }

        EventRoutes.add(
            to: router, authenticator: components.adminAuthenticator, administration: components.administration,
            configuration: components.configuration.events, wakeup: components.wakeup, read: read)

        let mine = components.approverRecords
        let interaction = router.group("/interact/v1")
        interaction.get("/decisions") { request, context in
            JSONResponse.make(
                value: try await mine.decisions(try await read(request, context), parameters: request.queryDictionary())
            )
        }
        interaction.get("/grants") { request, context in
            JSONResponse.make(
                value: try await mine.activeGrants(
                    try await read(request, context), parameters: request.queryDictionary()))
        }
        interaction.post("/grants/{grant}/revoke") { request, context in
            let id = try context.parameters.require("grant")
            return JSONResponse.make(value: try await mine.revoke(grantID: id, try await read(request, context)))
        }
        interaction.get("/devices") { request, context in
            JSONResponse.make(value: try await mine.devices(try await read(request, context)))
        }
        interaction.post("/devices/rotate") { request, context in
            JSONResponse.make(value: try await mine.rotateKey(try await read(request, context)))
        }
        interaction.delete("/devices/{device}") { request, context in
            let id = try context.parameters.require("device")
            return JSONResponse.make(value: try await mine.revokeDevice(id: id, try await read(request, context)))
        }
    }
}

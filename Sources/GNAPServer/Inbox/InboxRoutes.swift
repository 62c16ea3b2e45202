import GNAP
import Hummingbird

/// The inbox routes of the interaction API (Assets/openapi.yaml), signed by the approver's device key like the rest.
enum InboxRoutes {
    static func add(to router: Router<ASRequestContext>, _ inbox: InboxService, read: @escaping AdminRoutes.Reader) {
        router.get("/interact/v1/inbox") { request, context in
            JSONResponse.make(json: try await inbox.snapshot(request, try await read(request, context)).body)
        }
        let api = router.group("/interact/v1/inbox")
        api.get("/events") { request, context in
            try await inbox.events(request, try await read(request, context))
        }
        api.post("/{grant}/open") { request, context in
            let id = try context.parameters.require("grant")
            return JSONResponse.make(value: try await inbox.open(grantID: id, try await read(request, context)))
        }
        api.post("/blocks/{client}/lift") { request, context in
            let id = try context.parameters.require("client")
            return JSONResponse.make(value: try await inbox.liftBlock(instanceID: id, try await read(request, context)))
        }
    }
}

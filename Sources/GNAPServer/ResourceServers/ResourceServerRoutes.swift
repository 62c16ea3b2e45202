import GNAP
import Hummingbird

/// The RS-facing API (RFC 9767 §3): introspection and resource set registration, each routed only when the
/// configuration offers it, so an absent discovery member (§3.1) and a 404 say the same thing.
enum ResourceServerRoutes {
    static func add(
        to router: Router<ASRequestContext>, _ components: ServerComponents,
        read: @escaping @Sendable (Request, ASRequestContext) async throws(APIError) -> SignedRequest
    ) {
        let settings = components.configuration.resourceServers
        if settings.offersIntrospection {
            let introspection = components.introspection
            router.post("/gnap/introspect") { request, context in
                JSONResponse.make(value: try await introspection.introspect(try await read(request, context)))
            }
        }
        if settings.offersRegistration {
            let registration = components.resourceSets
            router.post("/gnap/resource") { request, context in
                JSONResponse.make(value: try await registration.register(try await read(request, context)))
            }
        }
    }
}

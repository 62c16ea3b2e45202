import Hummingbird

/// A request context that can carry the result of the GNAP access check to the route handler.
public protocol GNAPRequestContext: RequestContext {
    /// Set by ``GNAPAccessMiddleware`` before the handler runs; nil on routes it does not protect.
    var gnapAuthorization: GNAPAuthorization? { get set }
}

/// The plain request context for a GNAP-protected Hummingbird application.
public struct BasicGNAPRequestContext: GNAPRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var gnapAuthorization: GNAPAuthorization?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        gnapAuthorization = nil
    }
}

extension GNAPRequestContext {
    /// The authorization of a protected route. Throws (answered as 500) when the route was not protected by
    /// ``GNAPAccessMiddleware``, a programming error that must not turn into open access.
    public func requireGNAPAuthorization() throws -> GNAPAuthorization {
        guard let gnapAuthorization else {
            throw HTTPError(.internalServerError, message: "this route is not protected by GNAPAccessMiddleware")
        }
        return gnapAuthorization
    }
}

import GNAP
import HTTPTypes
import Hummingbird
import Logging

/// Protects the routes added after it with GNAP (RFC 9635 §7.2, RFC 9767): the token, the key proof of the
/// client's request and the access the route needs, checked by a ``ResourceServerGate``. On success the handler
/// finds a ``GNAPAuthorization`` in the context; otherwise the client gets the refusal (401 with the RS-first
/// challenge, 403 naming the missing right, 400 or 503) and the handler does not run.
///
/// ```swift
/// let notes = router.group("notes")
///     .add(middleware: gate.middleware(requiring: .access(type: "notes", actions: ["read"])))
/// notes.get { request, context in try context.requireGNAPAuthorization().subject ?? "" }
/// ```
public struct GNAPAccessMiddleware<Context: GNAPRequestContext>: RouterMiddleware {
    let gate: ResourceServerGate
    let requirement: @Sendable (Request, Context) -> AccessRequirement

    /// - Parameter requirement: the access a request needs; it may depend on the request (its path parameters,
    ///   say), which the router has already matched when the middleware runs.
    public init(gate: ResourceServerGate, requirement: @escaping @Sendable (Request, Context) -> AccessRequirement) {
        self.gate = gate
        self.requirement = requirement
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        let content: [UInt8]
        do {
            // Collected once; the handler reads the same buffer again.
            content = Array(try await request.collectBody(upTo: gate.configuration.maximumBodySize).readableBytesView)
        } catch {
            return Self.response(
                ResourceServerRefusal(
                    .contentTooLarge,
                    GNAPError(
                        .invalidRequest, "the request content exceeds \(gate.configuration.maximumBodySize) bytes"),
                    challenge: nil))
        }
        let head = gate.addressedAsPublished(request.head)
        switch await gate.authorize(head, content: content, requiring: requirement(request, context)) {
        case .success(let authorization):
            var context = context
            context.gnapAuthorization = authorization
            return try await next(request, context)
        case .failure(let refusal):
            if let detail = refusal.logDetail {
                context.logger.notice(
                    "GNAP access refused", metadata: ["code": "\(refusal.error.code)", "detail": "\(detail)"])
            }
            return Self.response(refusal)
        }
    }

    static func response(_ refusal: ResourceServerRefusal) -> Response {
        Response(
            status: refusal.status, headers: refusal.headerFields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: refusal.body)))
    }
}

extension ResourceServerGate {
    /// Middleware that requires `requirement` on every route added after it.
    public func middleware<Context: GNAPRequestContext>(
        requiring requirement: AccessRequirement, context: Context.Type = Context.self
    ) -> GNAPAccessMiddleware<Context> {
        GNAPAccessMiddleware(gate: self) { _, _ in requirement }
    }

    /// Middleware whose requirement depends on the request.
    public func middleware<Context: GNAPRequestContext>(
        context: Context.Type = Context.self,
        requiring requirement: @escaping @Sendable (Request, Context) -> AccessRequirement
    ) -> GNAPAccessMiddleware<Context> {
        GNAPAccessMiddleware(gate: self, requirement: requirement)
    }
}

import Hummingbird
import ServiceLifecycle

/// The AS's HTTP service: binds the listener first, then runs the start-up work that writes to the store (the
/// first admin account and its enrollment code), and only then serves requests. A listener that cannot be bound
/// (a busy port) therefore leaves the store as it was, and is reported as a ``ListenError``; a failure of the
/// start-up work stops the service before any request is served.
struct ListeningService: Service {
    let server: AuthorizationServer
    /// Runs once the listener is bound, with the base URL, before the first request is handled.
    let afterBind: @Sendable (String) async throws -> Void

    func run() async throws {
        let (started, starting) = AsyncStream<Result<Void, any Error>>.makeStream()
        let afterBind = afterBind
        // Hummingbird handles no connection before `onRunning` returns.
        let application = server.application { base in
            do {
                try await afterBind(base)
                starting.yield(.success(()))
            } catch {
                starting.yield(.failure(error))
            }
            starting.finish()
        }
        let address = ListenAddress(host: server.configuration.host, port: server.configuration.port).description
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await application.run()
                } catch {
                    throw ListenError(error, address: address) ?? error
                }
                return true
            }
            group.addTask {
                for await result in started { try result.get() }
                return false
            }
            // The start-up task ends first (or throws, which cancels the server); the server ends the service.
            while let serverEnded = try await group.next() {
                if serverEnded {
                    group.cancelAll()
                    return
                }
            }
        }
    }
}

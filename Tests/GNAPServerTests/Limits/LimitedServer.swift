import Foundation
import GNAP
import GNAPServer
import GNAPStorage

/// A real AS on 127.0.0.1 (a free port) with the given request limits, for tests that need real connections.
struct LimitedServer {
    let port: Int
    let store: ASDatabase
    let task: Task<Void, any Error>

    static func start(_ limits: RequestLimits) async throws -> LimitedServer {
        let store = try ASDatabase.inMemory()
        var configuration = ServerConfiguration(port: 0)
        configuration.limits = limits
        let server = AuthorizationServer(
            stores: ASStores(store), secrets: try await ServerSecrets.load(from: store), configuration: configuration,
            clock: ManualClock())
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let application = server.application { base in continuation.yield(base) }
        let task = Task { try await application.run() }
        var base = ""
        for await url in stream {
            base = url
            break
        }
        return LimitedServer(port: Int(base.split(separator: ":").last!)!, store: store, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    func connect() throws -> RawConnection { try RawConnection(port: port) }
}

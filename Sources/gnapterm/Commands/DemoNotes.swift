import GNAP
import GNAPServer
import Logging
import ReferenceResourceServer

/// The demo's notes RS: the reference RS, pre-registered with the demo AS under a vetted name (RFC 9767 §3.2).
enum DemoNotes {
    struct Running: Sendable {
        var ready: NotesServer.Ready
        var task: Task<Void, any Error>
    }

    /// The AS's registry entry for the RS whose key `store` holds.
    static func registry(store: NotesDatabase, now: WallInstant) async throws -> ResourceServerRegistry {
        let key = try await store.signingKey()
        return ResourceServerRegistry(entries: [
            ResourceServerRecord(
                id: "demo-notes", key: try ClientKeyBinding(ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK())),
                displayName: "Notes (the demo's resource server)", accessTypes: ["notes"], registered: true,
                createdAt: now)
        ])
    }

    /// Starts the RS on a free loopback port and waits until it is registered with the AS at `asBase`.
    static func start(store: NotesDatabase, asBase: String, clock: WallClock, logger: Logger) async throws -> Running {
        let server = NotesServer(
            configuration: NotesServerConfiguration(asBase: asBase, port: 0), store: store, clock: clock,
            logger: logger)
        let (readies, ready) = AsyncStream.makeStream(of: NotesServer.Ready.self)
        let task = Task {
            defer { ready.finish() }
            try await server.run { ready.yield($0) }
        }
        var iterator = readies.makeAsyncIterator()
        guard let first = await iterator.next() else {
            try await task.value
            throw NotesServerError.stoppedBeforeReady
        }
        return Running(ready: first, task: task)
    }
}

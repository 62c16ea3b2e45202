import GNAP
import HTTPMessageSignatures
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small local HTTP endpoint that receives an interaction finish (RFC 9635 §4.2): the AS's `push` POST
/// (`{"hash", "interact_ref"}`, §4.2.2) or the browser's `redirect` GET (`?hash=…&interact_ref=…`, §4.2.1).
///
/// Its URI has a random path, unique to one grant request (§11.24 "Session Management for Interaction Finish
/// Methods"). A callback is accepted only when its hash verifies against the ``FinishExpectation`` given with
/// ``expect(_:)`` (§4.2.3); anything else is answered `unknown_interaction` and ignored. The first verified callback
/// is kept; later ones are refused (the reference is one-time).
public final class FinishListener: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// The finish `uri` to send in the grant request.
    public let uri: String
    private let server: Task<Void, Never>
    private let inbox: FinishInbox

    /// Starts listening on `host` (default loopback) and a free port.
    public static func start(host: String = "127.0.0.1") async throws(GNAPClientError) -> FinishListener {
        let path = "/finish/" + Secrets.identifier()
        let channel: NIOAsyncChannel<Connection, Never>
        do {
            channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: 0) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .transport("cannot listen for the interaction finish on \(host): \(error)")
        }
        guard let port = channel.channel.localAddress?.port else {
            try? await channel.channel.close()
            throw .transport("the finish listener has no port")
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return FinishListener(uri: "http://\(shownHost):\(port)\(path)", path: path, channel: channel)
    }

    private init(uri: String, path: String, channel: NIOAsyncChannel<Connection, Never>) {
        self.uri = uri
        let inbox = FinishInbox()
        self.inbox = inbox
        let handler = FinishRequestHandler(path: path, inbox: inbox)
        server = Task {
            try? await channel.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { await handler.serve(connection) }
                    }
                }
            }
        }
    }

    /// Sets what callbacks are checked against: call it as soon as the grant response (with the AS's nonce) is in.
    public func expect(_ expectation: FinishExpectation) { inbox.expect(expectation) }

    /// Waits for the first verified callback; nil if the listener stopped (or the task was cancelled) first.
    public func callback() async -> InteractionFinishCallback? { await inbox.first() }

    /// Stops listening; a pending ``callback()`` returns nil.
    public func stop() async {
        inbox.close()
        server.cancel()
        await server.value
    }
}

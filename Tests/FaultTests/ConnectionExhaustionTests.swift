import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import Testing

extension FaultSuite {
    /// `gnapterm serve` with its default connection limits under the common open-file limit of 1,024: more idle and
    /// slowloris connections than that limit allows are opened, and normal signed requests are still answered within a
    /// second each, because the AS closes the longest-idle connections to stay within `--max-connections`.
    @Suite("Connection exhaustion", .serialized, .timeLimit(.minutes(3)))
    struct ConnectionExhaustionTests {
        static let idleConnections = 1_124
        static let slowConnections = 100

        @Test func signedRequestsAreAnsweredWithinASecondWhileConnectionsExceedTheOpenFileLimit() async throws {
            IdleSocket.allowOpenFiles(4_096)
            let serve = try ServeProcess(openFileLimit: 1_024)
            defer { serve.removeData() }
            try await serve.start()
            defer { Task { try? await serve.stop() } }
            let port = try #require(serve.url.split(separator: ":").last.flatMap { Int($0) })
            let pid = try #require(serve.processID)

            var idle: [IdleSocket] = []
            for _ in 0..<Self.idleConnections { idle.append(try IdleSocket(port: port)) }
            var slow: [IdleSocket] = []
            for _ in 0..<Self.slowConnections { slow.append(try IdleSocket(port: port)) }
            let trickling = Task { [slow] in
                // A request head that never ends: one byte per connection every 200 ms.
                let head = Array("GET /.well-known/gnap-as-rs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
                var index = 0
                while !Task.isCancelled {
                    for socket in slow { socket.trickle(index < head.count ? head[index] : UInt8(ascii: "a")) }
                    index += 1
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
            defer { trickling.cancel() }
            try await Task.sleep(for: .seconds(2))

            let client = GrantClient(
                transport: AsyncHTTPTransport(timeout: .seconds(10)), key: .generateEd25519(), clock: WallClock())
            let flow = DeviceFlow(client: client, clock: WallClock())
            let request = try flow.grantRequest(
                access: [AccessTokenRequest(access: [.reference("dolphin-metadata")])],
                display: ClientDisplay(name: "under a connection flood"))
            var slowest = Duration.zero
            for round in 0..<10 {
                // The flood goes on while the requests are made.
                for _ in 0..<50 { idle.append(try IdleSocket(port: port)) }
                let started = ContinuousClock.now
                let response = try await client.request(request, endpoint: serve.url + "/gnap")
                let elapsed = ContinuousClock.now - started
                slowest = max(slowest, elapsed)
                #expect(response.continue != nil)
                #expect(elapsed < .seconds(1), "request \(round) took \(elapsed)")
            }
            let openFiles = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
            let closed = (idle + slow).filter(\.isClosedByPeer).count
            print(
                "connection flood: \(idle.count) idle and \(slow.count) slowloris connections, slowest signed request "
                    + "\(slowest), the AS holds \(openFiles) open files and closed \(closed) of our connections")
            // The AS kept within its default 512 connections (plus its own files), far below the open-file limit,
            // by closing connections of ours; those it has not accepted yet wait in the kernel's backlog.
            #expect(openFiles <= 512 + 64)
            #expect(closed > 0)
        }
    }
}

import Foundation
import GNAP
import GNAPServer
import Testing

/// The connection limits of ``RequestLimits`` on a real listener: idle and trickling connections are closed on time,
/// oversized heads and bodies are answered before they are read, and the connection count stays bounded without
/// locking anyone out.
@Suite("Connection limits", .serialized)
struct ConnectionLimitTests {
    static func limits(
        idle: Duration = .seconds(10), header: Duration = .seconds(10), body: Duration = .seconds(10),
        connections: Int = 512
    ) -> RequestLimits {
        RequestLimits(
            maximumBodySize: 4096, maximumHeaderCount: 32, maximumHeaderSize: 4096, idleTimeout: idle,
            headerReadTimeout: header, bodyReadTimeout: body, maximumConnections: connections)
    }

    static let discovery = "GET /.well-known/gnap-as-rs HTTP/1.1\r\nhost: as.test\r\n\r\n"

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        let server = try await LimitedServer.start(Self.limits(idle: .milliseconds(400)))
        defer { Task { await server.stop() } }
        let silent = try server.connect()
        let opened = ContinuousClock.now
        #expect(silent.read(timeout: .seconds(5)) == .closed([]))
        let waited = ContinuousClock.now - opened
        #expect(waited >= .milliseconds(350) && waited < .seconds(3), "closed after \(waited)")
        // A kept-alive connection is idle again once its response is written.
        let kept = try server.connect()
        kept.send(Self.discovery)
        guard case .closed(let bytes) = kept.read(timeout: .seconds(5)) else {
            Issue.record("the kept-alive connection stayed open")
            return
        }
        #expect(RawConnection.response(bytes)?.status == 200)
    }

    /// A client sending its head one byte at a time, never fast enough to finish: it is answered 408 and closed when
    /// the header-read timeout passes, though every byte came well within the idle timeout of the one before.
    @Test func aSlowlorisConnectionIsClosedAfterTheHeaderReadTimeout() async throws {
        let server = try await LimitedServer.start(Self.limits(idle: .seconds(10), header: .milliseconds(600)))
        defer { Task { await server.stop() } }
        let slow = try server.connect()
        let started = ContinuousClock.now
        let head =
            Array("GET /.well-known/gnap-as-rs HTTP/1.1\r\nhost: as.test\r\nx-padding: ".utf8)
            + Array(repeating: UInt8(ascii: "a"), count: 200)
        var closedAt: Duration?
        for byte in head {
            guard slow.send([byte]) else { break }
            if case .closed(let bytes) = slow.read(timeout: .milliseconds(50)) {
                closedAt = ContinuousClock.now - started
                let response = RawConnection.response(bytes)
                #expect(response?.status == 408)
                #expect(response?.body.contains("invalid_request") == true)
                break
            }
            if ContinuousClock.now - started > .seconds(8) { break }
        }
        let elapsed = try #require(closedAt, "the trickling connection was never closed")
        #expect(elapsed >= .milliseconds(550) && elapsed < .seconds(3), "closed after \(elapsed)")
    }

    @Test func tooManyOrTooLargeHeaderFieldsAre431() async throws {
        let server = try await LimitedServer.start(Self.limits())
        defer { Task { await server.stop() } }
        let many = try server.connect()
        many.send(
            "GET /.well-known/gnap-as-rs HTTP/1.1\r\nhost: as.test\r\n"
                + (0..<40).map { "x-field-\($0): v\r\n" }.joined() + "\r\n")
        guard case .closed(let manyBytes) = many.read(timeout: .seconds(5)) else {
            Issue.record("no answer to too many header fields")
            return
        }
        #expect(RawConnection.response(manyBytes)?.status == 431)
        #expect(RawConnection.response(manyBytes)?.body.contains("header fields") == true)
        let large = try server.connect()
        large.send(
            "GET /.well-known/gnap-as-rs HTTP/1.1\r\nhost: as.test\r\nx-large: "
                + String(repeating: "a", count: 5000) + "\r\n\r\n")
        guard case .closed(let largeBytes) = large.read(timeout: .seconds(5)) else {
            Issue.record("no answer to a too large header")
            return
        }
        #expect(RawConnection.response(largeBytes)?.status == 431)
    }

    /// The head announces more content than allowed: 413 comes before any of the content is sent.
    @Test func anAnnouncedOversizedBodyIs413BeforeItIsRead() async throws {
        let server = try await LimitedServer.start(Self.limits())
        defer { Task { await server.stop() } }
        let connection = try server.connect()
        connection.send(
            "POST /gnap HTTP/1.1\r\nhost: as.test\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n")
        guard case .closed(let bytes) = connection.read(timeout: .seconds(5)) else {
            Issue.record("no answer before the body")
            return
        }
        let response = try #require(RawConnection.response(bytes))
        #expect(response.status == 413 && response.body.contains("4096 bytes"))
    }

    /// A chunked body over the limit is cut off with 413 by the endpoint that reads it.
    @Test func aChunkedOversizedBodyIs413() async throws {
        let server = try await LimitedServer.start(Self.limits())
        defer { Task { await server.stop() } }
        let connection = try server.connect()
        let chunk = String(repeating: "a", count: 3000)
        connection.send(
            "POST /gnap HTTP/1.1\r\nhost: as.test\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
                + "bb8\r\n\(chunk)\r\nbb8\r\n\(chunk)\r\n0\r\n\r\n")
        let result = connection.read(timeout: .seconds(2))
        let bytes: [UInt8] =
            switch result {
            case .closed(let bytes), .timedOut(let bytes): bytes
            }
        #expect(RawConnection.response(bytes)?.status == 413)
    }

    @Test func malformedHTTPIs400() async throws {
        let server = try await LimitedServer.start(Self.limits())
        defer { Task { await server.stop() } }
        let connection = try server.connect()
        connection.send("NOT HTTP AT ALL\r\n\r\n")
        guard case .closed(let bytes) = connection.read(timeout: .seconds(5)) else {
            Issue.record("no answer to a malformed request")
            return
        }
        #expect(RawConnection.response(bytes)?.status == 400)
    }

    /// At the connection limit, a new client is still served: the connection idle the longest makes room.
    @Test func atTheConnectionLimitTheLongestIdleConnectionMakesRoom() async throws {
        let server = try await LimitedServer.start(Self.limits(idle: .seconds(30), connections: 4))
        defer { Task { await server.stop() } }
        var idle: [RawConnection] = []
        for _ in 0..<4 {
            idle.append(try server.connect())
            try await Task.sleep(for: .milliseconds(50))
        }
        let newcomer = try server.connect()
        newcomer.send("GET /.well-known/gnap-as-rs HTTP/1.1\r\nhost: as.test\r\nconnection: close\r\n\r\n")
        // Generous waits: an answer ends them early, and a loaded machine may take seconds to schedule the AS.
        let answer = newcomer.read(timeout: .seconds(10))
        let bytes: [UInt8] =
            switch answer {
            case .closed(let bytes), .timedOut(let bytes): bytes
            }
        #expect(RawConnection.response(bytes)?.status == 200)
        // The first (oldest idle) connection was closed for it; the others are still open.
        #expect(idle[0].read(timeout: .seconds(10)) == .closed([]))
        #expect(idle[3].read(timeout: .milliseconds(200)) == .timedOut([]))
    }

    /// Connections that sent a head and trickle its content cannot lock newcomers out either: with no idle connection
    /// left, the one reading its content the longest makes room (no handler acts before the content is complete).
    @Test func atTheConnectionLimitATricklingBodyMakesRoomWhenNothingIsIdle() async throws {
        let server = try await LimitedServer.start(Self.limits(connections: 2))
        defer { Task { await server.stop() } }
        var tricklers: [RawConnection] = []
        for _ in 0..<2 {
            let connection = try server.connect()
            connection.send(
                "POST /gnap HTTP/1.1\r\nhost: as.test\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"
            )
            tricklers.append(connection)
            try await Task.sleep(for: .milliseconds(50))
        }
        let newcomer = try server.connect()
        newcomer.send("GET /.well-known/gnap-as-rs HTTP/1.1\r\nhost: as.test\r\nconnection: close\r\n\r\n")
        guard case .closed(let bytes) = newcomer.read(timeout: .seconds(3)) else {
            Issue.record("the newcomer was not served")
            return
        }
        #expect(RawConnection.response(bytes)?.status == 200)
        #expect(tricklers[0].read(timeout: .seconds(2)) == .closed([]))
    }
}

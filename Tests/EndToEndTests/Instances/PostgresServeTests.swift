import Foundation
import Testing

extension EndToEnd {
    /// `gnapterm serve --database`, with the built binaries: the backend is named in the log, the database can go
    /// away and come back under a live AS, and an AS moves from SQLite to PostgreSQL with `gnapterm db copy`.
    @Suite("serve on PostgreSQL", .timeLimit(.minutes(4)))
    struct PostgresServeTests {
        /// The cluster stops under a live AS: requests get 503 with a clear RFC 9635 error (no crash); the cluster
        /// comes back and the same device flow completes.
        @Test func aLostDatabaseIs503UntilItIsBackAndTheFlowCompletes() async throws {
            let cluster = try OwnCluster.start()
            defer { cluster.remove() }
            let data = try Binary.temporaryDirectory("pg-outage")
            let server = try await ServeProcess.start([
                "--listen", "127.0.0.1:0", "--database", cluster.url, "--database-password-file", cluster.passwordFile,
                "--data-dir", data.path, "--poll-interval", "1",
            ])
            defer { server.process.stop() }
            #expect(server.process.stdout.contains("AS state in PostgreSQL \(cluster.url)"))
            let password = try String(contentsOfFile: cluster.passwordFile, encoding: .utf8).trimmed
            #expect(!server.output.contains(password))
            let code = try #require(server.bootstrapCode)
            let home = try Binary.temporaryDirectory("pg-outage-approver")
            #expect(
                try plainApprove(server: server.url, home: home, enroll: code, input: "").output.contains("Enrolled"))
            let device = try await UserCodeFlowTests.Device.start(url: server.url)
            defer { device.process.stop() }

            try cluster.stop()
            // A grant request needs the database (the client's key is looked up): the AS waits a moment for a
            // connection, then answers 503; while the database is known to be down it answers at once.
            let grantRequest =
                #"{"access_token":{"access":["dolphin-metadata"]},"interact":{"start":["user_code"]},"#
                + #""client":{"key":{"proof":"httpsig","jwk":{"kty":"OKP","crv":"Ed25519","#
                + #""x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}}}"#
            let post = ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", grantRequest]
            for attempt in 0..<2 {
                let started = ContinuousClock.now
                let refused = try CurlResponse.fetch(server.url + "/gnap", post)
                #expect(refused.status == 503, "attempt \(attempt): \(refused.body)")
                #expect(refused.headers["retry-after"] == "5")
                #expect(refused.body.contains(#""code":"request_denied""#))
                #expect(refused.body.contains("the AS cannot reach its database right now; retry in a few seconds"))
                if attempt == 1 { #expect(started.duration(to: .now) < .seconds(2), "known down: answered at once") }
            }
            #expect(server.output.contains("lost the database; requests fail with 503 until it is back"))
            try await Task.sleep(for: .seconds(1))
            #expect(server.process.process.isRunning, "the AS must not stop when its database does")
            #expect(device.process.process.isRunning)

            try cluster.restart()
            // The AS reconnects by itself (with backoff): the approver is served within a few tries.
            var approved = false
            for _ in 0..<20 where !approved {
                approved =
                    try plainApprove(server: server.url, home: home, input: "\(device.code)\napprove\nyes\n")
                    .status == 0
                if !approved { try await Task.sleep(for: .seconds(1)) }
            }
            #expect(approved)
            #expect(try await device.process.exitStatus() == 0)
            #expect(device.lastEvent?["event"] as? String == "granted")
            #expect(server.output.contains("the database is reachable again"))
            server.process.stop()
            #expect(try await server.process.exitStatus(timeout: .seconds(30)) == 0, "a clean shutdown")
        }

        /// An AS on SQLite with an issued token and a pending request, copied with `gnapterm db copy` and started on
        /// PostgreSQL at the same address: the token can be rotated, the pending code approved (the user-code pepper
        /// moved), the id_token key is the same, and the device that was polling completes.
        @Test func anASCopiedFromSQLiteKeepsItsTokensCodesAndKeys() async throws {
            let sqlite = try await ASProcess.start()
            defer { sqlite.stop() }
            let home = try Binary.temporaryDirectory("copy-approver")
            let enrolled = try plainApprove(server: sqlite.url, home: home, enroll: sqlite.bootstrapCode, input: "")
            #expect(enrolled.output.contains("Enrolled"))
            let issued = try await UserCodeFlowTests.Device.start(sqlite)
            defer { issued.process.stop() }
            #expect(
                try plainApprove(server: sqlite.url, home: home, input: "\(issued.code)\napprove\nyes\n").status == 0)
            #expect(try await issued.process.exitStatus() == 0)
            let pending = try await UserCodeFlowTests.Device.start(sqlite)
            defer { pending.process.stop() }
            let keys = try CurlResponse.fetch(sqlite.url + "/.well-known/jwks.json").body
            try await sqlite.kill()

            let database = try SharedCluster.freshDatabase()
            let copy = try PipedCommand.run(
                ["db", "copy", "--from", sqlite.dataDirectory.path, "--to", database], stdin: [])
            #expect(copy.status == 0, "\(copy.stderr)")
            #expect(copy.stdoutText.contains("every table matches the source"))
            #expect(copy.stdoutText.contains("access_tokens      1"))
            let again = try PipedCommand.run(
                ["db", "copy", "--from", sqlite.dataDirectory.path, "--to", database], stdin: [])
            #expect(again.status != 0 && again.stderr.contains("the destination is not empty"), "\(again.stderr)")

            let address = sqlite.url.replacingOccurrences(of: "http://", with: "")
            let postgres = try await ServeProcess.start([
                "--listen", address, "--database", database, "--poll-interval", "1",
            ])
            defer { postgres.process.stop() }
            #expect(postgres.process.stdout.contains("AS state in PostgreSQL postgres://gnapterm@"))
            #expect(!postgres.process.stdout.contains("First start"))
            #expect(try CurlResponse.fetch(postgres.url + "/.well-known/jwks.json").body == keys)
            let rotated = try PipedCommand.run(["device", "token", "rotate", "--home", issued.home.path], stdin: [])
            #expect(rotated.status == 0, "\(rotated.stderr)")
            let approved = try plainApprove(server: postgres.url, home: home, input: "\(pending.code)\napprove\nyes\n")
            #expect(approved.status == 0, "\(approved.output)")
            #expect(try await pending.process.exitStatus() == 0)
            #expect(pending.lastEvent?["event"] as? String == "granted")
        }
    }
}

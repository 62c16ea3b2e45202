import Foundation
import Testing

/// RFC 9767 end to end with the built binary: `gnapterm rs` registered with `gnapterm serve`, `gnapterm call` following
/// the RS-first challenge through the device flow, an approver in tmux granting a subset, the RS allowing exactly
/// that, and a revoked token refused within the RS's revalidation window.
extension EndToEnd {
    @Suite("serve, rs, call, approve", .timeLimit(.minutes(3)))
    struct ResourceServerFlowTests {
        /// `gnapterm rs` with its key pre-registered at the AS (`serve --resource-servers`).
        struct RS {
            let process: RunningProcess
            let base: String
            let reference: String
            let directory: URL

            static func start(_ server: ASProcess, directory: URL) async throws -> RS {
                let process = try RunningProcess([
                    "rs", "--as", server.url, "--listen", "127.0.0.1:0", "--data-dir", directory.path,
                    "--revalidate-after", "2",
                ])
                try await process.waitForOutput("resource reference: ")
                guard let line = process.stdoutLines.first(where: { $0.contains("listening on ") }),
                    let base = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }),
                    let reference = process.stdoutLines.first(where: { $0.contains("resource reference: ") })?
                        .components(separatedBy: "resource reference: ").last
                else { throw E2EError("unexpected rs output: \(process.stdout)") }
                return RS(process: process, base: String(base), reference: reference, directory: directory)
            }
        }

        /// The AS with the RS's registry entry (printed by `gnapterm rs --show-key`).
        static func startASAndRS() async throws -> (ASProcess, RS) {
            let rsDirectory = try Binary.temporaryDirectory("rs")
            let entry = try PipedCommand.run(["rs", "--data-dir", rsDirectory.path, "--show-key"], stdin: [])
            guard entry.status == 0 else { throw E2EError("rs --show-key failed: \(entry.stderr)") }
            let registry = rsDirectory.appendingPathComponent("resource-servers.json")
            try Data(entry.stdout).write(to: registry)
            let server = try await ASProcess.start(extraArguments: ["--resource-servers", registry.path])
            #expect(server.process.stdout.contains("Registered 1 pre-registered resource server(s)."))
            return (server, try await RS.start(server, directory: rsDirectory))
        }

        @Test func callFollowsTheChallengeAndTheRSAllowsExactlyWhatWasApproved() async throws {
            let (server, rs) = try await Self.startASAndRS()
            defer {
                rs.process.stop()
                server.stop()
            }
            let home = try Binary.temporaryDirectory("caller")
            let notes = rs.base + "/notes"
            // No token yet: call gets the RS's challenge and runs the device flow.
            let call = try RunningProcess(["call", "--home", home.path, "--json", "--name", "E2E caller", notes])
            defer { call.stop() }
            try await call.waitForOutput("\"user_code\"")
            let first = try JSONSerialization.jsonObject(with: Data(call.stdoutLines[0].utf8)) as? [String: Any]
            let code = try #require(first?["user_code"] as? String)

            let approverHome = try Binary.temporaryDirectory("approver")
            let tmux = try Tmux(
                command: [
                    Binary.path, "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home",
                    approverHome.path,
                ]
                .map(shellQuoted).joined(separator: " "))
            defer { tmux.kill() }
            try await tmux.waitFor("Enter a code")
            try tmux.type(code)
            try tmux.send("Enter")
            let review = try await tmux.waitFor("A device is asking for access to your account")
            // The resource reference arrives as its two rights, each naming the vetted RS.
            #expect(review.contains("served by Notes (gnapterm reference RS) (vetted resource server)"))
            // Withhold writing: untick the second right.
            try tmux.send("j")
            try tmux.send("Space")
            try await tmux.waitFor("1 of 2 rights included")
            try tmux.send("a")
            try await tmux.waitFor("Confirm approval")
            try tmux.send("y")
            try await tmux.waitFor("Approved")

            #expect(try await call.exitStatus() == 0, "\(call.stderr)")
            let answer = try #require(
                call.stdoutLines.last.flatMap {
                    try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                })
            #expect(answer["event"] as? String == "response")
            #expect(answer["status"] as? Int == 200)

            // Reading again uses the stored token (no new flow); writing was withheld: 403, exit 5.
            let read = try PipedCommand.run(["call", "--home", home.path, notes], stdin: [])
            #expect(read.status == 0)
            #expect(read.stdoutText.contains(#"{"notes":[]}"#))
            let write = try PipedCommand.run(
                ["call", "--home", home.path, "-X", "POST", "-d", #"{"text":"hi"}"#, "--no-request-access", notes],
                stdin: [])
            #expect(write.status == 5)
            #expect(write.stderr.contains("the resource server answered 403: insufficient_access"))

            // Revoked by the device: within the RS's window (2 s) it is refused.
            let revoke = try PipedCommand.run(["device", "token", "revoke", "--home", home.path], stdin: [])
            #expect(revoke.status == 0, "\(revoke.stderr)")
            try await Task.sleep(for: .seconds(3))
            let refused = try PipedCommand.run(["call", "--home", home.path, "--no-request-access", notes], stdin: [])
            #expect(refused.status == 5)
            #expect(refused.stderr.contains("answered 401: invalid_token"))
        }

        @Test func theRSRefusesToStartWhenTheASDoesNotKnowIt() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let rs = try RunningProcess([
                "rs", "--as", server.url, "--listen", "127.0.0.1:0", "--data-dir",
                try Binary.temporaryDirectory("rs").path,
            ])
            #expect(try await rs.exitStatus() == 1)
            #expect(rs.stderr.contains("gnapterm rs: the AS did not register the notes resource set"))
            #expect(rs.stderr.contains("invalid_resource_server"))
        }
    }
}

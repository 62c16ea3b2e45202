import Foundation
import Testing

/// The asynchronous flow between the built binaries (RFC 9635 §1.6.3): `gnapterm device --user` waits without a
/// code, the user's `gnapterm approve --watch` terminals (ncurses inside tmux) show it in their inbox and ring, one
/// approves part of it, the other's inbox clears, and the device gets a token with exactly that part.
extension EndToEnd {
    @Suite("device --user, approve --watch", .timeLimit(.minutes(4)))
    struct AsynchronousFlowTests {
        static let access = #"[{"type":"photo-api","actions":["read"]},"dolphin-metadata"]"#

        /// An enrollment code for `username` from `gnapterm admin invite`, signed by the admin terminal in `home`.
        static func invite(_ username: String, server: ASProcess, adminHome: URL) throws -> String {
            let invited = try PipedCommand.run(
                ["admin", "invite", username, "--as", server.url, "--home", adminHome.path], stdin: [])
            guard invited.status == 0, let range = invited.stdoutText.range(of: "--enroll ") else {
                throw E2EError("no enrollment code: \(invited.stdoutText) \(invited.stderr)")
            }
            return String(invited.stdoutText[range.upperBound...].prefix { !$0.isWhitespace })
        }

        /// `gnapterm approve --watch` for a new terminal of alice, inside tmux, its raw output logged to `log`.
        static func watcher(_ server: ASProcess, code: String, log: URL) throws -> Tmux {
            let home = try Binary.temporaryDirectory("alice")
            let tmux = try Tmux(
                command: [
                    Binary.path, "approve", "--as", server.url, "--enroll", code, "--home", home.path, "--watch",
                ]
                .map(shellQuoted).joined(separator: " "))
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            try tmux.run(["pipe-pane", "-o", "-t", tmux.session, "cat >> " + shellQuoted(log.path)])
            return tmux
        }

        @Test func aliceApprovesPartOfAnAsynchronousRequestOnOneTerminalAndTheOtherClears() async throws {
            let server = try await ASProcess.start(extraArguments: ["--allow-async-dynamic-clients"])
            defer { server.stop() }
            let adminHome = try Binary.temporaryDirectory("admin")
            _ = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", adminHome.path, "--plain"],
                stdin: [])
            let added = try PipedCommand.run(
                [
                    "admin", "users", "add", "alice", "--email", "alice@example.com", "--as", server.url, "--home",
                    adminHome.path,
                ], stdin: [])
            #expect(added.status == 0, "\(added.stderr)")
            let logs = try Binary.temporaryDirectory("tmux-logs")
            let laptopLog = logs.appendingPathComponent("laptop.log")
            let laptop = try Self.watcher(
                server, code: try Self.invite("alice", server: server, adminHome: adminHome), log: laptopLog)
            defer { laptop.kill() }
            let phone = try Self.watcher(
                server, code: try Self.invite("alice", server: server, adminHome: adminHome),
                log: logs.appendingPathComponent("phone.log"))
            defer { phone.kill() }
            try await laptop.waitFor("No requests are waiting for you.")
            try await phone.waitFor("No requests are waiting for you.")

            let deviceHome = try Binary.temporaryDirectory("device")
            let device = try RunningProcess([
                "device", "--as", server.url, "--json", "--home", deviceHome.path, "--name", "E2E Bot", "--access",
                Self.access, "--user", "alice@example.com", "--agent", "e2e-agent", "--task", "nightly backup",
            ])
            defer { device.stop() }
            try await device.waitForOutput("waiting_for_approval")
            let first = try JSONSerialization.jsonObject(with: Data(device.stdoutLines[0].utf8)) as? [String: Any]
            #expect(first?["event"] as? String == "waiting_for_approval")
            #expect(first?["user"] as? String == "alice@example.com")
            #expect(!device.stdout.contains("user_code"))

            // Both terminals show it live, the agent apart from the client, and the count in the header.
            let inbox = try await laptop.waitFor("E2E Bot")
            #expect(inbox.contains("“e2e-agent” via “E2E Bot”"), "\(inbox)")
            #expect(inbox.contains("Inbox 1"), "\(inbox)")
            try await phone.waitFor("E2E Bot")
            // The arrival rang: ncurses' beep is a BEL in the terminal's output.
            try await Self.waitForBell(in: laptopLog)

            try laptop.send("Enter")
            try await laptop.waitFor("Access requested")
            // Withhold the second right, approve, confirm.
            try laptop.send("j")
            try laptop.send("Space")
            try await laptop.waitFor("1 of 2 rights included")
            try laptop.send("a")
            try await laptop.waitFor("Confirm approval")
            try laptop.send("y")
            try await laptop.waitFor("Approved")
            // The other terminal's inbox clears at once.
            try await phone.waitFor("No requests are waiting for you.")

            #expect(try await device.exitStatus() == 0)
            let last = try #require(
                device.stdoutLines.last.flatMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                })
            #expect(last["event"] as? String == "granted")
            let token = try #require(last["access_token"] as? [String: Any])
            let access = try #require(token["access"] as? [Any])
            #expect(access.count == 1)
            #expect((access.first as? [String: Any])?["type"] as? String == "photo-api")
        }

        static func waitForBell(in log: URL) async throws {
            let deadline = ContinuousClock.now.advanced(by: .seconds(20))
            while ContinuousClock.now < deadline {
                if let data = FileManager.default.contents(atPath: log.path), data.contains(0x07) { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw E2EError("the terminal's output never carried a bell")
        }
    }
}

import Foundation
import Testing

extension EndToEnd {
    /// `gnapterm admin` (the live watch view) in tmux against the built AS and device.
    @Suite("admin watch", .timeLimit(.minutes(3)))
    struct AdminWatchTests {
        /// The admin watches; the AS restarts and the view reconnects by itself; a device asks; its row appears;
        /// the admin denies it with a reason from the view; the device learns it and exits 3.
        @Test func aDenialFromTheWatchViewMakesTheDeviceExit3() async throws {
            var server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("admin-watch")
            defer { try? FileManager.default.removeItem(at: home) }
            _ = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home.path, "--plain"],
                stdin: [])
            let tmux = try Tmux(
                command: [Binary.path, "admin", "--as", server.url, "--home", home.path].map(shellQuoted)
                    .joined(separator: " "))
            defer { tmux.kill() }
            try await tmux.waitFor("● live")
            try await tmux.waitFor("No pending requests")

            try await server.kill()
            // Seen while the AS is down: once it is back, the view may reconnect before the screen is read again.
            try await tmux.waitFor("✕ disconnected", timeout: .seconds(20))
            server = try await server.restart()
            try await tmux.waitFor("● live", timeout: .seconds(40))

            let device = try await UserCodeFlowTests.Device.start(server)
            defer { device.process.stop() }
            let row = try await tmux.waitFor("E2E TV")
            #expect(row.contains("photo-api: read, write"))
            #expect(row.contains("1 pending"))
            try tmux.send("d")
            try await tmux.waitFor("Why? The reason is recorded")
            try tmux.type("not a device of ours")
            try tmux.send("Enter")
            try await tmux.waitFor("Confirm denial")
            try tmux.send("y")
            try await tmux.waitFor("Denied E2E TV")
            #expect(try await device.process.exitStatus() == 3)
            try tmux.send("2")
            let decisions = try await tmux.waitFor("denied by an admin: not a device of ours")
            #expect(decisions.contains("E2E TV") && decisions.contains("1 denied"))
            // A denied grant cannot be revoked: the footer does not offer it.
            #expect(!decisions.contains("r revoke"))
            try tmux.send("q")
            // The serve log says what happened, without secrets.
            #expect(server.process.stderr.contains("grant denied"))
            #expect(!server.process.stderr.contains(device.code))
        }

        /// The key is rotated in another terminal while the view runs: the view signs with the new key from then on,
        /// so a new request's row fills in and a denial works, instead of every call failing with unknown_device.
        @Test func aKeyRotatedInAnotherTerminalIsPickedUp() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("admin-watch-rotate")
            defer { try? FileManager.default.removeItem(at: home) }
            _ = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home.path, "--plain"],
                stdin: [])
            let tmux = try Tmux(
                command: [Binary.path, "admin", "--home", home.path].map(shellQuoted).joined(separator: " "))
            defer { tmux.kill() }
            try await tmux.waitFor("● live")
            try await tmux.waitFor("No pending requests")
            let rotate = try PipedCommand.run(["keys", "rotate", "--home", home.path], stdin: [])
            #expect(rotate.status == 0, "\(rotate.stderr)")

            let device = try await UserCodeFlowTests.Device.start(server)
            defer { device.process.stop() }
            let row = try await tmux.waitFor("photo-api: read, write")
            #expect(row.contains("E2E TV") && row.contains("● live"))
            try tmux.send("d")
            try await tmux.waitFor("Why? The reason is recorded")
            try tmux.type("rotated key test")
            try tmux.send("Enter")
            try await tmux.waitFor("Confirm denial")
            try tmux.send("Enter")
            let denied = try await tmux.waitFor("Denied E2E TV")
            #expect(!denied.contains("unknown_device"))
            #expect(try await device.process.exitStatus() == 3)
            try tmux.send("q")
        }

        /// A `user` account gets a sentence, not a screen.
        @Test func aUserAccountIsRefusedReadably() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let admin = try Binary.temporaryDirectory("admin-watch-admin")
            let user = try Binary.temporaryDirectory("admin-watch-user")
            defer {
                try? FileManager.default.removeItem(at: admin)
                try? FileManager.default.removeItem(at: user)
            }
            _ = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", admin.path, "--plain"],
                stdin: [])
            let remote = ["--as", server.url, "--home", admin.path]
            _ = try PipedCommand.run(["admin", "users", "add", "bob"] + remote, stdin: [])
            let invitation = try PipedCommand.run(["admin", "invite", "bob"] + remote, stdin: []).stdoutText
            let code = try #require(
                invitation.split(separator: "\n").first { $0.hasPrefix("    ") }.map {
                    $0.trimmingCharacters(in: .whitespaces)
                })
            _ = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", code, "--home", user.path, "--plain"], stdin: [])
            let refused = try PipedCommand.run(["admin", "--as", server.url, "--home", user.path], stdin: [])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("the account 'bob' is not an admin"), "\(refused.stderr)")
        }
    }
}

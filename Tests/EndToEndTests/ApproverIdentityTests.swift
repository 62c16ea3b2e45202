import Foundation
import Testing

/// The AS known by its own public URL whichever address reached it, and a key rotated in another terminal picked up
/// by a running approver.
extension EndToEnd {
    @Suite("AS identity and rotated keys", .timeLimit(.minutes(3)))
    struct ApproverIdentityTests {
        @Test func localhostAnd127001AreTheSameASForTheDeviceAndTheApprover() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let localhost = server.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
            let home = try Binary.temporaryDirectory("approver").path
            // Enrolled through localhost: kept under the AS's own URL.
            let enroll = try PipedCommand.run(
                ["approve", "--as", localhost, "--enroll", server.bootstrapCode, "--home", home, "--plain"],
                stdin: Array("quit\n".utf8))
            #expect(enroll.stderr.contains("Enrolled this terminal as admin at \(server.url)."), "\(enroll.stderr)")
            // The device reached through localhost names the AS's own URL for the page and the command.
            let device = try RunningProcess([
                "device", "--as", localhost, "--home", try Binary.temporaryDirectory("device").path, "--access",
                DeviceWithdrawalTests.access,
            ])
            defer { device.stop() }
            try await Self.waitForStderr(device, "Approve with:")
            #expect(device.stderr.contains("Enter it at \(server.url)/device"), "\(device.stderr)")
            #expect(device.stderr.contains("Approve with: gnapterm approve --as \(server.url)\n"), "\(device.stderr)")
            let pattern = try Regex(#"  ([0-9A-Z]{4}-[0-9A-Z]{4})\n"#, as: (Substring, Substring).self)
            let code = try #require(device.stderr.firstMatch(of: pattern)).output.1
            // The approver given either address finds its enrollment and approves.
            for address in [server.url, localhost] {
                let found = try PipedCommand.run(
                    ["approve", "--as", address, "--home", home, "--plain"], stdin: Array("quit\n".utf8))
                #expect(found.stdoutText.contains("User code:"), "\(address): \(found.stderr)")
            }
            let approve = try PipedCommand.run(
                ["approve", "--as", localhost, "--home", home, "--plain"],
                stdin: Array("\(code)\napprove\nyes\n".utf8))
            #expect(approve.status == 0, "\(approve.stdoutText)\(approve.stderr)")
            #expect(try await device.exitStatus() == 0)

            // Enrolled elsewhere only: the error says where.
            let other = try await ASProcess.start()
            defer { other.stop() }
            let refused = try PipedCommand.run(
                ["approve", "--as", other.url, "--home", home, "--plain"], stdin: Array("quit\n".utf8))
            #expect(refused.status == 1)
            #expect(
                refused.stderr
                    == "gnapterm approve: this terminal is not enrolled at \(other.url); it is enrolled at "
                    + "\(server.url) (run: gnapterm approve --as \(server.url)); to enroll here, run: "
                    + "gnapterm approve --as \(other.url) --enroll CODE\n")
        }

        @Test func aRunningApproverPicksUpAKeyRotatedInAnotherTerminal() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("approver").path
            let enroll = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home, "--plain"],
                stdin: Array("quit\n".utf8))
            #expect(enroll.stderr.contains("Enrolled this terminal"))
            let seal = try PipedCommand.run(
                ["keys", "seal", "--as", server.url, "--home", home], stdin: Array("pass phrase\n".utf8))
            #expect(seal.status == 0, "\(seal.stderr)")
            let tmux = try Tmux(
                command: [Binary.path, "approve", "--as", server.url, "--home", home].map(shellQuoted)
                    .joined(separator: " "))
            defer { tmux.kill() }
            try await tmux.waitFor("assphrase")
            try tmux.type("pass phrase")
            try tmux.send("Enter")
            try await tmux.waitFor("Enter a code")
            // Another terminal rotates the key: the AS revokes the one the running app holds.
            let rotate = try PipedCommand.run(
                ["keys", "rotate", "--as", server.url, "--home", home], stdin: Array("pass phrase\n".utf8))
            #expect(rotate.status == 0, "\(rotate.stderr)")
            let device = try await UserCodeFlowTests.Device.start(server)
            defer { device.process.stop() }
            try tmux.type(device.code)
            try tmux.send("Enter")
            let review = try await tmux.waitFor("A device is asking for access to your account")
            #expect(review.contains("E2E TV (self-asserted)"))
            try tmux.send("d")
            try await tmux.waitFor("Deny")
            try tmux.send("Down")
            try tmux.send("Enter")
            try await tmux.waitFor("Denied")
            #expect(try await device.process.exitStatus() == 3)
            try tmux.send("q")
        }

        static func waitForStderr(_ process: RunningProcess, _ text: String) async throws {
            let deadline = ContinuousClock.now.advanced(by: .seconds(20))
            while !process.stderr.contains(text) {
                guard ContinuousClock.now < deadline, process.process.isRunning else {
                    throw E2EError("waiting for \"\(text)\"; stderr:\n\(process.stderr)")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}

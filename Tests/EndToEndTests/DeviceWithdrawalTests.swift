import Foundation
import Testing

/// A device that gives up withdraws its request at the AS (RFC 9635 §5.4) before it exits, so its code stops
/// working at once and an approver who enters it is told why.
extension EndToEnd {
    @Suite("device withdrawal", .timeLimit(.minutes(3)))
    struct DeviceWithdrawalTests {
        static let access = #"[{"type":"photo-api","actions":["read"]}]"#

        /// Enters `code` with `gnapterm approve --plain` (a fresh approver home) and returns what it printed.
        static func enter(_ code: String, at server: ASProcess) async throws -> String {
            let process = try RunningProcess(
                [
                    "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home",
                    try Binary.temporaryDirectory("approver").path, "--plain",
                ], standardInput: "\(code)\n")
            _ = try await process.exitStatus()
            return process.stdout
        }

        @Test func sigtermWithdrawsTheRequestOfAJSONDevice() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = try RunningProcess([
                "device", "--as", server.url, "--json", "--home", try Binary.temporaryDirectory("device").path,
                "--access", Self.access,
            ])
            defer { device.stop() }
            try await device.waitForOutput("\"waiting\"")
            let first = try JSONSerialization.jsonObject(with: Data(device.stdoutLines[0].utf8)) as? [String: Any]
            let code = try #require(first?["user_code"] as? String)
            device.process.terminate()  // SIGTERM
            _ = try await device.exitStatus()
            #expect(device.process.terminationReason == .uncaughtSignal)
            #expect(device.process.terminationStatus == SIGTERM)
            #expect(device.stderr == "gnapterm device: cancelled\n")
            let said = try await Self.enter(code, at: server)
            #expect(said.contains("error: The device withdrew this request"), "\(said)")
        }

        @Test func sigtermWithdrawsTheRequestOfTheFullScreenDeviceAndRestoresTheTerminal() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let directory = try Binary.temporaryDirectory("device")
            let pidFile = directory.appendingPathComponent("pid").path
            let before = directory.appendingPathComponent("before").path
            let after = directory.appendingPathComponent("after").path
            let device = [
                Binary.path, "device", "--as", server.url, "--home", directory.path, "--access", Self.access,
            ]
            .map(shellQuoted).joined(separator: " ")
            // The inner shell writes its pid and becomes the device (exec), in the foreground of the terminal.
            let inner = "echo $$ > \(shellQuoted(pidFile)); exec \(device)"
            let script =
                "stty -a > \(shellQuoted(before)); sh -c \(shellQuoted(inner)); echo EXIT=$?; "
                + "stty -a > \(shellQuoted(after)); echo STTY-SAVED; sleep 60"
            let tmux = try Tmux(command: "sh -c \(shellQuoted(script))", width: 80, height: 24)
            defer { tmux.kill() }
            let screen = try await tmux.waitFor("Waiting for someone to enter the code")
            let pattern = try Regex(#"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"#)
            let code = try #require(screen.firstMatch(of: pattern)).output[0].substring.map(String.init)
            let pid = try #require(
                pid_t(
                    try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                ))
            #expect(kill(pid, SIGTERM) == 0)
            let done = try await tmux.waitFor("STTY-SAVED")
            #expect(done.contains("EXIT=143"))
            #expect(done.contains("gnapterm device: cancelled"))
            #expect(
                try String(contentsOfFile: before, encoding: .utf8) == String(contentsOfFile: after, encoding: .utf8))
            let said = try await Self.enter(try #require(code), at: server)
            #expect(said.contains("error: The device withdrew this request"), "\(said)")
        }

        @Test func qWithdrawsTheRequest() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = [
                Binary.path, "device", "--as", server.url, "--home", try Binary.temporaryDirectory("device").path,
                "--access", Self.access,
            ]
            .map(shellQuoted).joined(separator: " ")
            let tmux = try Tmux(
                command: "sh -c \(shellQuoted("\(device); echo EXIT=$?; sleep 60"))", width: 80, height: 24)
            defer { tmux.kill() }
            let screen = try await tmux.waitFor("Waiting for someone to enter the code")
            let pattern = try Regex(#"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"#)
            let code = try #require(screen.firstMatch(of: pattern)).output[0].substring.map(String.init)
            try tmux.send("q")
            let done = try await tmux.waitFor("EXIT=")
            #expect(done.contains("EXIT=1"))
            let said = try await Self.enter(try #require(code), at: server)
            #expect(said.contains("error: The device withdrew this request"), "\(said)")
        }
    }
}

import Foundation
import Testing

/// The approver in a real terminal (tmux): the review reflows on resize, and the terminal modes come back on
/// SIGTERM and SIGHUP exactly as they were (`stty -a` before and after).
extension EndToEnd {
    @Suite("approve in tmux: resize and signals", .timeLimit(.minutes(3)))
    struct ApproverTerminalTests {
        @Test func theReviewReflowsWhenTheTerminalIsResized() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = try await UserCodeFlowTests.Device.start(server)
            defer { device.process.stop() }
            let home = try Binary.temporaryDirectory("approver")
            let tmux = try UserCodeFlowTests().approver(server, home: home)
            defer { tmux.kill() }
            try await tmux.waitFor("Enter a code")
            try tmux.type(device.code)
            try tmux.send("Enter")
            let wide = try await tmux.waitFor("Approve only if you started this on a device you control")
            #expect(wide.split(separator: "\n").contains { $0.count > 80 })
            try tmux.run(["resize-window", "-t", tmux.session, "-x", "64", "-y", "22"])
            // Redrawn for 64 columns: the anti-phishing line wraps.
            let narrow = try await tmux.waitFor("│ device you control.")
            // capture-pane ends every row with a newline.
            let lines = narrow.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 22)
            #expect(lines.allSatisfy { $0.count <= 64 })
            #expect(lines.first?.contains("gnapterm approve") == true)
            #expect(narrow.contains("┌ A device is asking for access"))
            #expect(lines.contains { $0.hasPrefix("└") && $0.hasSuffix("┘") && $0.count == 64 })
            try tmux.run(["resize-window", "-t", tmux.session, "-x", "50", "-y", "12"])
            try await tmux.waitFor("Terminal too small: need 60x15, have 50x12")
            try tmux.run(["resize-window", "-t", tmux.session, "-x", "100", "-y", "30"])
            try await tmux.waitFor("A device is asking for access to your account")
            // Still working after the resizes: deny, and the device learns it.
            try tmux.type("d")
            try tmux.send("Down")
            try tmux.send("Enter")
            try await tmux.waitFor("✗ Denied")
            #expect(try await device.process.exitStatus() == 3)
        }

        @Test(arguments: [("TERM", 143), ("HUP", 129)])
        func aSignalRestoresTheTerminal(_ signal: String, status: Int) async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let directory = try Binary.temporaryDirectory("tty")
            let before = directory.appendingPathComponent("before").path
            let after = directory.appendingPathComponent("after").path
            let pidFile = directory.appendingPathComponent("pid").path
            // The inner shell writes its pid, then becomes gnapterm approve (exec keeps the pid).
            let approve =
                [
                    "sh", "-c", "echo $$ > \(shellQuoted(pidFile)); exec \"$@\"", "sh", Binary.path, "approve", "--as",
                    server.url, "--enroll", server.bootstrapCode, "--home", directory.path,
                ]
                .map(shellQuoted).joined(separator: " ")
            // EXIT= is printed only after the second stty has written its file, so the file is complete when seen.
            let script =
                "stty -a > \(shellQuoted(before)); \(approve); status=$?; stty -a > \(shellQuoted(after)); "
                + "echo EXIT=$status; sleep 60"
            let tmux = try Tmux(command: "sh -c \(shellQuoted(script))")
            defer { tmux.kill() }
            try await tmux.waitFor("Enter a code")
            let pid = try #require(
                pid_t(
                    try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                ))
            #expect(Foundation.kill(pid, signal == "TERM" ? SIGTERM : SIGHUP) == 0)
            try await tmux.waitFor("EXIT=")
            let saved = try String(contentsOfFile: before, encoding: .utf8)
            let restored = try String(contentsOfFile: after, encoding: .utf8)
            #expect(saved == restored)
            #expect(try tmux.screen().contains("EXIT=\(status)"))
            #expect(try !tmux.screen().contains("Enter a code"))
        }
    }
}

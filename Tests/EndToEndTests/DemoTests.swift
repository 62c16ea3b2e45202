import Foundation
import Testing

extension EndToEnd {
    @Suite("the demo", .timeLimit(.minutes(2)))
    struct DemoTests {
        /// `swift run gnapterm` with no arguments: a person who just cloned the repository completes the flow.
        @Test func theDemoCompletesTheWholeFlowAndCleansUp() async throws {
            let before = try demoDirectories()
            let tmux = try Tmux(command: "\(shellQuoted(Binary.path)); echo DEMO-EXIT=$?; sleep 60")
            defer { tmux.kill() }
            let screen = try await tmux.waitFor("is showing code")
            let code = try #require(screen.firstMatch(of: /showing code ([0-9A-Z]{4}-[0-9A-Z]{4})/)?.1)
            try tmux.type(String(code))
            try tmux.send("Enter")
            try await tmux.waitFor("Living-room TV (self-asserted)")
            // The notes resource reference arrives as its two rights (read, write): withhold writing.
            try tmux.send("j")
            try tmux.send("Space")
            try await tmux.waitFor("4 of 5 rights included")
            try tmux.send("a")
            try await tmux.waitFor("Confirm approval")
            try tmux.send("y")
            try await tmux.waitFor("Approved")
            try tmux.send("q")
            let end = try await tmux.waitFor("DEMO-EXIT=", timeout: .seconds(30))
            // The screen wraps long lines at its width: join them back.
            let output = end.split(separator: "\n").joined()
            #expect(output.contains("The demo device received an access token for: notes: read @ http://127.0.0.1:"))
            #expect(!output.contains("notes: write"))
            // The device then calls the notes RS: the withheld write is refused, the approved read works.
            #expect(output.contains("/notes -> 403 insufficient_access"))
            #expect(output.contains(#"/notes -> 200 {"notes":[]}"#))
            #expect(end.contains("DEMO-EXIT=0"))
            #expect(try demoDirectories() == before)
        }

        /// Killed with SIGTERM, or its window closed (SIGHUP), the demo still deletes everything it created.
        @Test(arguments: ["TERM", "HUP"])
        func theDemoCleansUpWhenKilled(signal: String) async throws {
            let temporary = try Binary.temporaryDirectory("demo-tmp")
            defer { try? FileManager.default.removeItem(at: temporary) }
            // `env` execs the demo, so the pane's process is the demo itself.
            let tmux = try Tmux(
                command: ["env", "TMPDIR=\(temporary.path)", Binary.path].map(shellQuoted).joined(separator: " "))
            defer { tmux.kill() }
            try await tmux.waitFor("is showing code")
            let made = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
            #expect(made.contains { $0.hasPrefix("gnapterm-demo-") })
            let pid = try #require(
                pid_t(
                    try tmux.run(["display-message", "-p", "#{pane_pid}"]).trimmingCharacters(
                        in: .whitespacesAndNewlines)))
            if signal == "TERM" {
                #expect(Foundation.kill(pid, SIGTERM) == 0)
            } else {
                // Closing the window: tmux hangs up the pane's process.
                try tmux.run(["kill-session", "-t", tmux.session])
            }
            let deadline = ContinuousClock.now.advanced(by: .seconds(20))
            while Foundation.kill(pid, 0) == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(Foundation.kill(pid, 0) != 0, "the demo did not end")
            let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
            #expect(left.filter { $0.hasPrefix("gnapterm-demo-") }.isEmpty, "\(left)")
        }

        func demoDirectories() throws -> Set<String> {
            Set(
                try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
                    .filter { $0.hasPrefix("gnapterm-demo-") })
        }
    }
}

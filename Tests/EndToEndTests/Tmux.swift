import ChildProcessTestSupport
import Foundation

/// A tmux server of its own (private socket) running one command in a 100x30 window, driven with send-keys and
/// read with capture-pane: the real terminal, real ncurses.
struct Tmux {
    let socket = "gnapterm-e2e-\(UUID().uuidString.prefix(8))"
    let session = "e2e"

    init(command: String, width: Int = 100, height: Int = 30) throws {
        try run(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", session, command])
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = environment["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
        // ncursesw draws wide and non-ASCII characters only in a UTF-8 locale; CI machines may have none set.
        if !(environment["LC_ALL"] ?? environment["LANG"] ?? "").uppercased().contains("UTF-8") {
            environment["LC_ALL"] = "C.UTF-8"
        }
        let result = try ChildProcess.run(
            ["tmux", "-L", socket] + arguments, environment: environment, mergeStandardError: true)
        guard result.status == 0 else {
            throw E2EError("tmux \(arguments.joined(separator: " ")): \(result.stdoutText)")
        }
        return result.stdoutText
    }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", session]) }

    func send(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(20)) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var last = ""
        while ContinuousClock.now < deadline {
            last = (try? screen()) ?? last
            if last.contains(text) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw E2EError("screen never showed \"\(text)\"; last screen:\n\(last)")
    }

    /// Ends the tmux server and everything in it. `kill-server` alone proved unreliable here (a server sometimes
    /// stayed up with its pane process), so the pane processes and the server are also killed by pid.
    func kill() {
        let panes = ((try? run(["list-panes", "-a", "-F", "#{pane_pid}"])) ?? "").split(separator: "\n")
            .compactMap { pid_t($0) }
        let server = (try? run(["display-message", "-p", "#{pid}"])).flatMap {
            pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        _ = try? run(["kill-server"])
        for pid in panes + (server.map { [$0] } ?? []) where Foundation.kill(pid, 0) == 0 {
            _ = Foundation.kill(pid, SIGKILL)
        }
    }
}

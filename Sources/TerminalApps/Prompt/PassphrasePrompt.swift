import Foundation

/// Reads a passphrase: from the terminal with echo off, or, when standard input is not a terminal (scripts), as
/// one line of standard input.
enum PassphrasePrompt {
    /// The signals that end the process while the prompt waits: each puts echo back before it takes effect.
    private static let endingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func read(_ prompt: String) -> String? {
        guard StandardStreams.stdinIsTerminal else { return Swift.readLine(strippingNewline: true) }
        StandardStreams.err(prompt)
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return Swift.readLine(strippingNewline: true) }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        // A signal while echo is off must not leave the terminal silent: the handler restores these settings,
        // then lets the signal do what it would have done.
        promptTerminalSettings = saved
        let previous = endingSignals.map { signal($0, restoreEchoThenRaise) }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            for (number, handler) in zip(endingSignals, previous) { signal(number, handler) }
            StandardStreams.err("\n")
        }
        return Swift.readLine(strippingNewline: true)
    }

    /// The prompt for the `attempt`th try at opening a sealed key.
    static func unlocking(attempt: Int) -> String? {
        read(attempt == 1 ? "Passphrase of the device key: " : "Wrong passphrase. Passphrase of the device key: ")
    }
}

/// The terminal settings from before the prompt turned echo off. Written before the handlers are installed and
/// only read by them (async-signal-safe: `tcsetattr`, `signal` and `raise` are on POSIX's list).
nonisolated(unsafe) private var promptTerminalSettings = termios()

private func restoreEchoThenRaise(_ number: Int32) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &promptTerminalSettings)
    signal(number, SIG_DFL)
    raise(number)
}

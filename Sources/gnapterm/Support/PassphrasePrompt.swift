import Foundation

/// Reads a passphrase: from the terminal with echo off, or, when standard input is not a terminal (scripts), as
/// one line of standard input.
enum PassphrasePrompt {
    static func read(_ prompt: String) -> String? {
        guard StandardStreams.stdinIsTerminal else { return Swift.readLine(strippingNewline: true) }
        StandardStreams.err(prompt)
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return Swift.readLine(strippingNewline: true) }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            StandardStreams.err("\n")
        }
        return Swift.readLine(strippingNewline: true)
    }

    /// The prompt for the `attempt`th try at opening a sealed key.
    static func unlocking(attempt: Int) -> String? {
        read(attempt == 1 ? "Passphrase of the device key: " : "Wrong passphrase. Passphrase of the device key: ")
    }
}

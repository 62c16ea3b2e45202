import Glibc

/// Reads one line that must not show on the screen (a passphrase): echo is off while it is typed and comes back on
/// every way out, a signal or `exit()` included (`TerminalRestorer` guards the modes as it does for curses). When
/// standard input is not a terminal (a script), the line is read as it comes and no prompt is written.
public enum HiddenLine {
    /// True when standard input is a terminal, so that a person types the line.
    public static var isTyped: Bool { isatty(STDIN_FILENO) == 1 }

    /// Writes `prompt` to standard error, then reads the line (without its line break); nil at the end of input.
    public static func read(prompt: String) -> String? {
        guard isTyped else { return Swift.readLine(strippingNewline: true) }
        writeError(prompt)
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return Swift.readLine(strippingNewline: true) }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        return TerminalRestorer.guardingModes {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
            defer {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                // The person's Enter was not echoed either.
                writeError("\n")
            }
            return Swift.readLine(strippingNewline: true)
        }
    }

    private static func writeError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

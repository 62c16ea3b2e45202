import CNCursesW
import Glibc

extension CursesTerminal {
    /// Rings the bell (or flashes the screen where there is none) and sends `notification` by each of `methods`;
    /// nothing once the terminal was given back. The sequences go straight to the terminal after curses' last
    /// update: they neither move the cursor nor change the screen, so curses' picture of it stays true.
    public func notify(_ notification: TerminalNotification, methods: [TerminalNotification.Method]) {
        guard TerminalRestorer.isActive else { return }
        _ = beep()
        for method in methods {
            let bytes = Array(notification.sequence(method).utf8)
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }
}

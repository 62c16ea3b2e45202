import CNCursesW
import Glibc
import Synchronization

/// Puts the terminal back when the process leaves while curses is active: on SIGINT, SIGTERM,
/// SIGHUP and SIGQUIT (signal handlers), and on `exit()` (`atexit`).
///
/// Async-signal-safety: a signal handler may only call async-signal-safe functions, and `endwin()`
/// is not one (it goes through ncurses' output buffers and may allocate). So everything the handler
/// needs is prepared before it is armed: the terminal modes saved by `tcgetattr` before `initscr`,
/// and the byte string that leaves curses mode (terminfo `rmcup`, `cnorm`, `sgr0`, `rmkx`, plus
/// "mouse reporting off"), copied into memory allocated once. The handler then only does `write(2)`,
/// `tcsetattr(3)`, `sigaction(2)` and `raise(3)`, all on POSIX's list of async-signal-safe
/// functions, and reads nothing but plain pointers and an atomic flag (no Swift allocation, locking
/// or reference counting). After restoring, it reinstates the signal's previous disposition and
/// re-raises the signal, so the process ends with the status the signal implies (e.g. 143 for
/// SIGTERM in a shell), or the handler that was there before runs (for SIGQUIT, the Swift runtime's
/// backtracer, which then prints on a restored terminal). Signals that were ignored when curses
/// started (e.g. SIGHUP under `nohup`) are left ignored.
///
/// The handlers are installed *before* `initscr` and armed right after it: ncurses installs its own
/// SIGINT/SIGTERM handlers (which exit with status 1) only where it finds the default disposition,
/// so installing first keeps the process's own dispositions for the re-raise.
///
/// The `atexit` hook is not in a signal context, so it simply calls `endwin()` if curses is
/// still active.
///
/// The same guard serves a prompt that turns echo off outside curses (`HiddenLine`): armed with nothing
/// to write, a signal or `exit()` during the prompt only puts the saved modes back.
enum TerminalRestorer {
    /// The signals whose default action would leave the terminal in raw mode.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    private static let active = Atomic<Bool>(false)
    private static let atexitRegistered = Mutex<Bool>(false)

    // Written only while no handler is installed; read by the handler. Plain pointers, allocated once.
    nonisolated(unsafe) private static var savedModes: UnsafeMutablePointer<termios>?
    nonisolated(unsafe) private static var leaveBytes: UnsafeMutableBufferPointer<UInt8>?
    nonisolated(unsafe) private static var previousActions: UnsafeMutablePointer<sigaction>?
    /// True when the armed guard is for curses (`endwin` at exit), false for a prompt (the saved modes at exit).
    nonisolated(unsafe) private static var guardsCurses = true

    /// Saves the terminal modes and installs the handlers; call before `initscr`, so that the
    /// dispositions saved for re-raising are the process's own (ncurses installs its own SIGINT and
    /// SIGTERM handlers, which exit with status 1, only where it finds the default disposition).
    static func prepare() {
        let modes = savedModes ?? UnsafeMutablePointer<termios>.allocate(capacity: 1)
        modes.initialize(to: termios())
        savedModes = tcgetattr(STDIN_FILENO, modes) == 0 ? modes : nil
        if savedModes == nil { modes.deallocate() }
        if previousActions == nil {
            let table = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
            table.initialize(repeating: sigaction(), count: 65)
            previousActions = table
        }
        for number in signals { install(number) }
        registerAtExit()
    }

    /// Records the bytes that leave curses mode and arms the handlers; call right after `initscr`.
    static func activate(mouse: Bool) {
        var bytes: [UInt8] = []
        for capability in ["rmcup", "cnorm", "sgr0", "rmkx"] {
            bytes += terminfoString(capability)
        }
        if mouse { bytes += Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l".utf8) }
        bytes += Array(BracketedPaste.disable.utf8)
        arm(leaving: bytes, curses: true)
    }

    /// Runs `body`, which changes the terminal modes outside curses (echo off), with the modes from before it
    /// restored should a signal or `exit()` end the process meanwhile; `body` restores them itself otherwise.
    static func guardingModes<Result>(_ body: () -> Result) -> Result {
        // Inside a curses session the terminal is guarded already.
        guard !isActive else { return body() }
        prepare()
        arm(leaving: [], curses: false)
        defer { deactivate() }
        return body()
    }

    private static func arm(leaving bytes: [UInt8], curses: Bool) {
        guardsCurses = curses
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = buffer.initialize(from: bytes)
        let old = leaveBytes
        leaveBytes = UnsafeMutableBufferPointer(rebasing: buffer[0..<bytes.count])
        old?.deallocate()
        active.store(true, ordering: .sequentiallyConsistent)
    }

    /// Uninstalls the handlers (putting back the previous ones); call after `endwin` on a normal exit.
    static func deactivate() {
        active.store(false, ordering: .sequentiallyConsistent)
        guard let previousActions else { return }
        for number in signals {
            _ = sigaction(number, previousActions + Int(number), nil)
        }
    }

    /// True while curses is active.
    static var isActive: Bool { active.load(ordering: .sequentiallyConsistent) }

    private static func install(_ number: Int32) {
        guard let previousActions else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in TerminalRestorer.handleSignal(signal) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        _ = sigaction(number, &action, previousActions + Int(number))
        if let previous = previousActions[Int(number)].__sigaction_handler.sa_handler,
            unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        {
            _ = sigaction(number, previousActions + Int(number), nil)  // respect an inherited "ignore"
        }
    }

    /// The signal handler. Async-signal-safe calls only (see the type's documentation).
    private static func handleSignal(_ number: Int32) {
        if active.exchange(false, ordering: .sequentiallyConsistent) {
            if let bytes = leaveBytes, let base = bytes.baseAddress, bytes.count > 0 {
                _ = write(STDOUT_FILENO, base, bytes.count)
            }
            if let savedModes { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, savedModes) }
        }
        if let previousActions {
            _ = sigaction(number, previousActions + Int(number), nil)
        } else {
            _ = signal(number, SIG_DFL)
        }
        _ = raise(number)
    }

    private static func registerAtExit() {
        let needed = atexitRegistered.withLock { registered in
            defer { registered = true }
            return !registered
        }
        guard needed else { return }
        _ = atexit {
            guard TerminalRestorer.active.exchange(false, ordering: .sequentiallyConsistent) else { return }
            if TerminalRestorer.guardsCurses {
                _ = endwin()
            } else if let modes = TerminalRestorer.savedModes {
                _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, modes)
            }
        }
    }

    private static func terminfoString(_ name: String) -> [UInt8] {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return [] }
        // Drop terminfo padding specifications such as "$<5>": they are delays, not output.
        let bytes = Array(String(cString: value).utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<") {
                while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
            } else {
                output.append(bytes[index])
            }
            index += 1
        }
        return output
    }
}

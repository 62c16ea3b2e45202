import CNCursesW
import Glibc

/// The real terminal, through ncursesw. The only type in this module that calls ncurses.
///
/// Use it through `CursesTerminal.run(options:_:)`, which sets the terminal up, hands the driver to
/// your code and restores the terminal however that code ends (return, thrown error, cancellation);
/// signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT) and `exit()` restore it too (see `TerminalRestorer`).
///
/// Setup: `setlocale(LC_ALL, "")` (falling back to `C.UTF-8` for the character type when the
/// environment's locale is not UTF-8), `initscr`, `raw` (Ctrl-C arrives as `.ctrl("c")`; the program
/// decides what it means), `noecho`, `nonl`, `keypad`, a 25 ms Escape delay, the cursor hidden,
/// click reporting via `mousemask`, and colour pairs from the `Theme` on the terminal's default
/// background (`use_default_colors`), or attributes only when the terminal has no colours.
///
/// Input is polled: `wget_wch` in non-blocking mode, with short `Task.sleep`s in between, so no
/// Swift concurrency thread is ever blocked waiting for a key. Frames are full redraws into curses'
/// virtual screen (`werase`, `mvwadd_wch` per cell with `setcchar`, so CJK and emoji are wide
/// characters), then `wnoutrefresh` + `doupdate`, which sends only the differences: no flicker.
public actor CursesTerminal: TerminalDriver {
    /// Settings of a curses session; every parameter has a default.
    public struct Options: Sendable {
        /// The theme mapped to colour pairs. Default `.default`; pass `Theme.resolve(name:environment:)`
        /// to honour `NO_COLOR`.
        public var theme: Theme
        /// Report mouse clicks. Default true.
        public var enableMouse: Bool
        /// How long to sleep between two input polls. Default 10 ms.
        public var pollInterval: Duration

        /// Creates options.
        public init(theme: Theme = .default, enableMouse: Bool = true, pollInterval: Duration = .milliseconds(10)) {
            self.theme = theme
            self.enableMouse = enableMouse
            self.pollInterval = pollInterval
        }
    }

    /// Errors of `run`.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    private let options: Options
    private var palette: CursesPalette
    private var isActive = false
    private var window: UnsafeMutablePointer<WINDOW>?
    /// Keys read while looking for a bracketed paste after an Escape that turned out not to start one.
    private var pending: [Key] = []
    /// Whether mouse events are reported now (`setMouseCapture`).
    private var capturesMouse = false

    private init(options: Options) {
        self.options = options
        self.palette = CursesPalette(theme: options.theme, colorCount: 0)
    }

    /// Sets the terminal up, runs `body` with the driver, and restores the terminal when `body`
    /// returns or throws. Only one session may be active at a time.
    public static func run<Result: Sendable>(
        options: Options = Options(),
        _ body: (CursesTerminal) async throws -> Result
    ) async throws -> Result {
        let terminal = CursesTerminal(options: options)
        try await terminal.start()
        do {
            let result = try await body(terminal)
            await terminal.restore()
            return result
        } catch {
            await terminal.restore()
            throw error
        }
    }

    /// The palette in use (decided at start from the theme and the terminal's colours).
    public var currentPalette: CursesPalette { palette }

    private func start() throws {
        guard !TerminalRestorer.isActive else { throw Failure(description: "a curses session is already active") }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Failure(description: "standard input and output must be a terminal")
        }
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        TerminalRestorer.prepare()
        guard let screen = initscr() else {
            TerminalRestorer.deactivate()
            throw Failure(description: "initscr failed")
        }
        window = screen
        isActive = true
        TerminalRestorer.activate(mouse: options.enableMouse)
        raw()
        noecho()
        nonl()
        keypad(screen, true)
        nodelay(screen, true)
        set_escdelay(25)
        curs_set(0)
        var colorCount = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(gnapterm_colors())
        }
        palette = CursesPalette(theme: options.theme, colorCount: colorCount, maxPairs: Int(gnapterm_color_pairs()))
        for pair in palette.pairs {
            init_pair(pair.number, pair.foreground, pair.background)
        }
        if options.enableMouse {
            mousemask(CursesInput.mouseMask, nil)
            mouseinterval(0)
            capturesMouse = true
        }
        writeRaw(BracketedPaste.enable)
    }

    /// Writes control bytes straight to the terminal, after what curses has sent so far.
    private func writeRaw(_ text: String) {
        fflush(nil)  // every stdio stream, curses' included
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    public var size: Size {
        guard let window, isActive else { return .zero }
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    public func present(_ canvas: Canvas) {
        // After a signal restored the terminal (`TerminalRestorer`), the program may still be winding down
        // (`SignalCancellation`): nothing more is drawn over the shell.
        guard let window, isActive, TerminalRestorer.isActive else { return }
        werase(window)
        let rows = min(canvas.size.height, Int(getmaxy(window)))
        let columns = min(canvas.size.width, Int(getmaxx(window)))
        for y in 0..<max(0, rows) {
            for x in 0..<max(0, columns) {
                let cell = canvas[x, y]
                if cell.isContinuation { continue }
                draw(cell, x: x, y: y, lastColumn: columns - 1)
            }
        }
        if let cursor = canvas.cursor, cursor.x < columns, cursor.y < rows {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    private func draw(_ cell: Cell, x: Int, y: Int, lastColumn: Int) {
        var width = DisplayWidth.of(cell.character)
        var character = cell.character
        if width == 2, x == lastColumn {
            character = " "
            width = 1
        }
        let entry = palette.entry(for: cell.style)
        var attributes = gnapterm_a_normal()
        if entry.bold { attributes |= gnapterm_a_bold() }
        if entry.underline { attributes |= gnapterm_a_underline() }
        if entry.reverse { attributes |= gnapterm_a_reverse() }
        if entry.dim { attributes |= gnapterm_a_dim() }
        let pieces = CursesGlyph.pieces(for: character, width: width) { scalar in
            Int(gnapterm_system_width(wchar_t(bitPattern: scalar.value)))
        }
        for piece in pieces {
            var wide = piece.scalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            var complex = cchar_t()
            setcchar(&complex, wide, attributes, entry.pair, nil)
            mvwadd_wch(window, Int32(y), Int32(x + piece.column), &complex)
        }
    }

    public func nextKey(timeout: Duration) async throws -> Key? {
        if !pending.isEmpty { return pending.removeFirst() }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            try Task.checkCancellation()
            guard let window, isActive else { return nil }
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == KEY_CODE_YES, Int32(code) == KEY_RESIZE {
                return .resize(size)
            }
            if status == KEY_CODE_YES, Int32(code) == KEY_MOUSE {
                var event = MEVENT()
                if getmouse(&event) == OK,
                    let key = CursesInput.mouse(x: event.x, y: event.y, buttonState: event.bstate)
                {
                    return key
                }
                continue
            }
            if status == OK, code == 27, let paste = try await pasteAfterEscape() {
                return paste
            }
            if status != ERR {
                if let key = CursesInput.key(status: status, code: code) { return key }
                continue
            }
            guard clock.now < deadline else { return nil }
            try await Task.sleep(for: options.pollInterval)
        }
    }

    /// After an Escape: the paste when the bracketed-paste start marker follows, else nil, with what was read
    /// kept as keys for the next calls (the Escape itself is then returned by the caller).
    private func pasteAfterEscape() async throws -> Key? {
        guard let window else { return nil }
        var read: [(status: Int32, code: wint_t)] = []
        for expected in BracketedPaste.startAfterEscape {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            guard status != ERR else { break }
            read.append((status, code))
            guard status == OK, Unicode.Scalar(code).map(Character.init) == expected else { break }
        }
        let started =
            read.count == BracketedPaste.startAfterEscape.count && read.allSatisfy { $0.status == OK }
            && read.map { Unicode.Scalar($0.code).map(Character.init) } == BracketedPaste.startAfterEscape
        guard started else {
            pending += read.compactMap { CursesInput.key(status: $0.status, code: $0.code) }
            return nil
        }
        // The rest of a paste arrives promptly; one that never ends is given up after a while (what came is kept).
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(2))
        var content = BracketedPaste.Content()
        while clock.now < deadline {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR {
                try await Task.sleep(for: options.pollInterval)
                continue
            }
            guard status == OK, let scalar = Unicode.Scalar(code) else { continue }
            if let text = content.feed(Character(scalar)) { return .paste(text) }
        }
        return .paste(content.partial)
    }

    /// Reports mouse events (clicks, the wheel) or not; without, the terminal's own text selection works.
    public func setMouseCapture(_ enabled: Bool) {
        guard isActive, options.enableMouse, enabled != capturesMouse else { return }
        mousemask(enabled ? CursesInput.mouseMask : 0, nil)
        capturesMouse = enabled
    }

    /// Asks the terminal to put `text` on the system clipboard (OSC 52).
    public func copyToClipboard(_ text: String) {
        guard isActive, TerminalRestorer.isActive else { return }
        writeRaw(ClipboardSequence.osc52(text))
    }

    /// Rings the terminal's bell (or flashes the screen where the terminal has no bell); nothing once restored.
    public func bell() {
        guard isActive, TerminalRestorer.isActive else { return }
        _ = beep()
    }

    public func restore() {
        guard isActive else { return }
        isActive = false
        writeRaw(BracketedPaste.disable)
        if options.enableMouse { mousemask(0, nil) }
        curs_set(1)
        endwin()
        TerminalRestorer.deactivate()
    }
}

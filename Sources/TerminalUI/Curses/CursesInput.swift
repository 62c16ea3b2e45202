import CNCursesW

/// Turns what `wget_wch` returns into a `Key` (pure, apart from reading the mouse event).
enum CursesInput {
    /// The key for a character (`status == OK`) or a function-key code (`status == KEY_CODE_YES`).
    static func key(status: Int32, code: UInt32) -> Key? {
        if status == KEY_CODE_YES {
            return functionKey(Int32(bitPattern: code))
        }
        guard status == OK else { return nil }
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
        case 28...31: return .ctrl(Character(Unicode.Scalar(code + 64)!))
        default:
            guard let scalar = Unicode.Scalar(code), DisplayWidth.width(of: scalar) > 0 else { return nil }
            return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        let f0 = gnapterm_key_f0()
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case (f0 + 1)...(f0 + 63): return .function(Int(code - f0))
        default: return nil
        }
    }

    /// The mouse event for `bstate` at (x, y), or nil for an event we do not report.
    static func mouse(x: Int32, y: Int32, buttonState: mmask_t) -> Key? {
        let position = Point(x: Int(x), y: Int(y))
        let table: [(mmask_t, MouseEvent.Button, MouseEvent.Kind)] = [
            (gnapterm_button1_pressed(), .left, .press),
            (gnapterm_button1_released(), .left, .release),
            (gnapterm_button1_clicked(), .left, .click),
            (gnapterm_button1_double_clicked(), .left, .doubleClick),
            (gnapterm_button2_pressed(), .middle, .press),
            (gnapterm_button3_pressed(), .right, .press),
            (gnapterm_button4_pressed(), .scrollUp, .press),
            (gnapterm_button5_pressed(), .scrollDown, .press),
        ]
        guard let match = table.first(where: { buttonState & $0.0 != 0 }) else { return nil }
        return .mouse(MouseEvent(position: position, button: match.1, kind: match.2))
    }

    /// Every mouse event `mouse(x:y:buttonState:)` can report.
    static var mouseMask: mmask_t {
        gnapterm_button1_pressed() | gnapterm_button1_released() | gnapterm_button1_clicked()
            | gnapterm_button1_double_clicked() | gnapterm_button2_pressed() | gnapterm_button3_pressed()
            | gnapterm_button4_pressed() | gnapterm_button5_pressed()
    }
}

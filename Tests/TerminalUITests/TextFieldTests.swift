import TerminalUI
import Testing

@Suite struct TextFieldTests {
    private func typing(
        _ text: String, into state: inout TextFieldState, formatter: (@Sendable (String) -> String)? = nil
    ) {
        for character in text { state.handle(.character(character), formatter: formatter) }
    }

    @Test func insertingMovingAndDeleting() {
        var state = TextFieldState()
        typing("helo", into: &state)
        #expect(state.text == "helo" && state.cursor == 4)
        state.handle(.left)
        typing("l", into: &state)
        #expect(state.text == "hello" && state.cursor == 4)
        state.handle(.home)
        state.handle(.delete)
        #expect(state.text == "ello" && state.cursor == 0)
        state.handle(.end)
        state.handle(.backspace)
        #expect(state.text == "ell" && state.cursor == 3)
        state.handle(.backspace)
        state.handle(.backspace)
        state.handle(.backspace)
        state.handle(.backspace)  // nothing left: consumed, no crash
        #expect(state.text == "" && state.cursor == 0)
        state.handle(.right)
        #expect(state.cursor == 0)
    }

    @Test func controlShortcuts() {
        var state = TextFieldState(text: "one two three")
        state.handle(.ctrl("w"))
        #expect(state.text == "one two ")
        state.handle(.ctrl("a"))
        state.handle(.right)
        state.handle(.ctrl("k"))
        #expect(state.text == "o" && state.cursor == 1)
        state.handle(.ctrl("u"))
        #expect(state.text == "")
    }

    @Test func nonEditingKeysAreNotConsumed() {
        var state = TextFieldState(text: "x")
        #expect(state.handle(.enter) == false)
        #expect(state.handle(.up) == false)
        #expect(state.handle(.ctrl("c")) == false)
        #expect(state.handle(.character("y")) == true)
    }

    @Test func pasteAndMaxLengthAndSanitizing() {
        var state = TextFieldState(maxLength: 8)
        state.handle(.paste("ab\u{1B}[31mcd\nefghij"))
        #expect(state.text == "abcdefgh")  // escape sequence and newline dropped, then cut at 8 characters
        #expect(state.cursor == 8)
    }

    @Test func formatterFormatsAsYouTypeAndKeepsTheCursorOnTheSameCharacter() {
        // A user-code style formatter: upper case, letters and digits only, dash after 4.
        let formatter: @Sendable (String) -> String = { raw in
            let clean = raw.uppercased().filter { $0.isLetter || $0.isNumber }.prefix(8)
            return clean.count > 4 ? String(clean.prefix(4)) + "-" + String(clean.dropFirst(4)) : String(clean)
        }
        var state = TextFieldState()
        typing("abcde", into: &state, formatter: formatter)
        #expect(state.text == "ABCD-E" && state.cursor == 6)
        typing("fgh", into: &state, formatter: formatter)
        #expect(state.text == "ABCD-EFGH")
        state.handle(.backspace, formatter: formatter)
        state.handle(.backspace, formatter: formatter)
        state.handle(.backspace, formatter: formatter)
        state.handle(.backspace, formatter: formatter)
        #expect(state.text == "ABCD" && state.cursor == 4)
        // Editing in the middle: cursor after "AB", insert "x" -> "ABXC-D", cursor after X.
        state.handle(.home)
        state.handle(.right)
        state.handle(.right)
        state.handle(.character("x"), formatter: formatter)
        #expect(state.text == "ABXC-D")
        #expect(state.cursor == 3)
    }

    @Test func drawingShowsPlaceholderCursorAndScrolls() {
        var canvas = Canvas(size: Size(width: 10, height: 1))
        canvas.draw(TextField(state: TextFieldState(), placeholder: "code"), in: canvas.bounds)
        #expect(VirtualTerminal.renderText(canvas) == "code")
        #expect(canvas.cursor == Point(x: 0, y: 0))

        var long = Canvas(size: Size(width: 8, height: 1))
        long.draw(TextField(state: TextFieldState(text: "abcdefghijkl")), in: Rect(x: 1, y: 0, width: 6, height: 1))
        #expect(VirtualTerminal.renderText(long) == " hijkl")  // cursor at the end stays visible
        #expect(long.cursor == Point(x: 6, y: 0))

        var masked = Canvas(size: Size(width: 8, height: 1))
        masked.draw(TextField(state: TextFieldState(text: "secret"), isFocused: false, mask: "•"), in: masked.bounds)
        #expect(VirtualTerminal.renderText(masked) == "••••••")
        #expect(masked.cursor == nil)
    }
}

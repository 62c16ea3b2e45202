import CNCursesW
import Testing

@testable import TerminalUI

/// The pure parts of the curses driver; real-terminal behaviour is exercised in tmux.
@Suite struct CursesTerminalTests {
    @Test func driverTypeExistsAndConformsToTerminalDriver() {
        func driverName<Driver: TerminalDriver>(_ type: Driver.Type) -> String { "\(type)" }
        #expect(driverName(CursesTerminal.self) == "CursesTerminal")
        #expect(CursesTerminal.Options().theme == .default)
    }

    @Test func paletteRegistersOnePairPerDistinctColourCombination() {
        let palette = CursesPalette(theme: .default, colorCount: 256)
        let combinations = Set(
            StyleRole.allCases.map { Theme.default.roles[$0]! }
                .filter(\.hasColor)
                .map { [$0.foreground?.rawValue ?? -1, $0.background?.rawValue ?? -1] })
        #expect(palette.pairs.count == combinations.count)
        #expect(palette.pairs.map(\.number) == (1...Int16(palette.pairs.count)).map { $0 })
        let warning = palette.entry(for: .warning)
        let pair = palette.pairs.first { $0.number == warning.pair }
        #expect(pair?.foreground == Int16(TerminalColor.yellow.rawValue))
        #expect(pair?.background == -1)  // terminal default background
        #expect(warning.bold)
        #expect(
            palette.entry(for: .normal)
                == CursesPalette.Entry(pair: 0, bold: false, underline: false, reverse: false, dim: false))
        let selected = palette.entry(for: .selected)
        let selectedPair = palette.pairs.first { $0.number == selected.pair }
        #expect(selectedPair?.foreground == 0 && selectedPair?.background == Int16(TerminalColor.cyan.rawValue))
    }

    @Test func eightColourTerminalsGetBaseColoursAndBoldForBrightForegrounds() {
        let palette = CursesPalette(theme: .default, colorCount: 8)
        let muted = palette.entry(for: .muted)  // bright black
        let pair = palette.pairs.first { $0.number == muted.pair }
        #expect(pair?.foreground == 0)
        #expect(muted.bold)
        #expect(palette.pairs.allSatisfy { $0.foreground < 8 && $0.background < 8 })
        let full = CursesPalette(theme: .default, colorCount: 16)
        #expect(full.pairs.first { $0.number == full.entry(for: .muted).pair }?.foreground == 8)
        #expect(!full.entry(for: .muted).bold)
    }

    @Test func monochromeAndColourlessTerminalsUseAttributesOnly() {
        for palette in [
            CursesPalette(theme: .monochrome, colorCount: 256), CursesPalette(theme: .default, colorCount: 0),
        ] {
            #expect(palette.pairs.isEmpty)
            #expect(palette.theme == .monochrome)
            for role in StyleRole.allCases { #expect(palette.entry(for: Style(role)).pair == 0) }
            #expect(palette.entry(for: .selected).reverse)
            #expect(palette.entry(for: .danger).bold)
            #expect(palette.entry(for: Style(.normal, dimmed: true)).dim)
        }
    }

    @Test func inputCodesBecomeKeys() {
        #expect(CursesInput.key(status: OK, code: 97) == .character("a"))
        #expect(CursesInput.key(status: OK, code: 0x4E2D) == .character("中"))
        #expect(CursesInput.key(status: OK, code: 13) == .enter)
        #expect(CursesInput.key(status: OK, code: 10) == .enter)
        #expect(CursesInput.key(status: OK, code: 9) == .tab)
        #expect(CursesInput.key(status: OK, code: 27) == .escape)
        #expect(CursesInput.key(status: OK, code: 127) == .backspace)
        #expect(CursesInput.key(status: OK, code: 3) == .ctrl("c"))
        #expect(CursesInput.key(status: OK, code: 1) == .ctrl("a"))
        #expect(CursesInput.key(status: OK, code: 32) == .space)
        #expect(CursesInput.key(status: OK, code: 0x9B) == nil)  // C1 control: dropped
        #expect(CursesInput.key(status: KEY_CODE_YES, code: UInt32(KEY_UP)) == .up)
        #expect(CursesInput.key(status: KEY_CODE_YES, code: UInt32(KEY_NPAGE)) == .pageDown)
        #expect(CursesInput.key(status: KEY_CODE_YES, code: UInt32(KEY_BTAB)) == .backTab)
        #expect(CursesInput.key(status: KEY_CODE_YES, code: UInt32(gnapterm_key_f0() + 5)) == .function(5))
        #expect(CursesInput.key(status: ERR, code: 0) == nil)
    }

    @Test func mouseStatesBecomeMouseEvents() {
        #expect(
            CursesInput.mouse(x: 3, y: 4, buttonState: gnapterm_button1_pressed())
                == .mouse(MouseEvent(position: Point(x: 3, y: 4), button: .left, kind: .press)))
        #expect(
            CursesInput.mouse(x: 0, y: 0, buttonState: gnapterm_button4_pressed())
                == .mouse(MouseEvent(position: .zero, button: .scrollUp, kind: .press)))
        #expect(CursesInput.mouse(x: 0, y: 0, buttonState: 0) == nil)
    }
}

/// How cells are handed to ncurses so that its columns match `DisplayWidth`'s.
@Suite struct CursesGlyphTests {
    /// A stand-in for glibc's wcwidth: emoji bases and CJK are 2, regional indicators and ❤ are 1,
    /// joiners, selectors and marks are 0.
    private func systemWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x200D, 0xFE0F, 0x0301, 0x20E3: return 0
        case 0x1F1E6...0x1F1FF, 0x2764: return 1
        case 0x1F300...0x1FAFF, 0x4E00...0x9FFF: return 2
        default: return 1
        }
    }

    private func pieces(_ character: Character) -> [CursesGlyph.Piece] {
        CursesGlyph.pieces(for: character, width: DisplayWidth.of(character), systemWidth: systemWidth)
    }

    @Test func simpleCharactersPassThrough() {
        #expect(pieces("a") == [.init(column: 0, scalars: ["a"])])
        #expect(pieces("中") == [.init(column: 0, scalars: ["中"])])
        #expect(pieces("e\u{301}") == [.init(column: 0, scalars: ["e", "\u{301}"])])
    }

    @Test func emojiSequencesDegradeToTheirFirstEmoji() {
        #expect(pieces("👨‍👩‍👧") == [.init(column: 0, scalars: ["👨"])])
        #expect(pieces("👍🏽") == [.init(column: 0, scalars: ["👍"])])
    }

    @Test func flagsBecomeTheirRegionCode() {
        #expect(pieces("🇫🇷") == [.init(column: 0, scalars: ["F"]), .init(column: 1, scalars: ["R"])])
    }

    @Test func widthDisagreementsKeepTheLayout() {
        // ❤️ is 2 columns for DisplayWidth but 1 for wcwidth: draw it and blank the second column.
        #expect(pieces("❤️") == [.init(column: 0, scalars: ["❤", "\u{FE0F}"]), .init(column: 1, scalars: [" "])])
        // Something the system cannot print at all becomes the replacement character.
        let unprintable = CursesGlyph.pieces(for: "x", width: 1) { _ in -1 }
        #expect(unprintable == [.init(column: 0, scalars: ["\u{FFFD}"])])
    }
}

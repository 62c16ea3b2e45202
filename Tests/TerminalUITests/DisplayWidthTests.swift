import Testing

@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test(
        arguments: [
            ("a", 1), ("Z", 1), (" ", 1), ("~", 1), ("é", 1),  // precomposed
            ("e\u{301}", 1),  // e + combining acute: one grapheme, one column
            ("中", 2), ("語", 2), ("한", 2), ("か", 2), ("カ", 2), ("Ａ", 2), ("！", 2), ("、", 2),
            ("ｶ", 1),  // halfwidth katakana
            ("😀", 2), ("👍🏽", 2),  // emoji, emoji with skin-tone modifier
            ("👨‍👩‍👧‍👦", 2),  // ZWJ family sequence: one grapheme
            ("🇫🇷", 2), ("🇯🇵", 2),  // flags
            ("❤️", 2),  // text-default heart with VS16 (emoji presentation)
            ("☺︎", 1),  // VS15 text presentation
            ("1️⃣", 2),  // keycap
            ("\u{7}", 0), ("\u{1B}", 0), ("\u{7F}", 0), ("\u{9B}", 0),  // controls
            ("\u{200B}", 0), ("\u{200D}", 0), ("\u{FEFF}", 0),  // zero-width space, ZWJ, BOM
            ("\u{301}", 0),  // lone combining mark
            ("\u{FE0F}", 0),  // lone variation selector
            ("─", 1), ("█", 1), ("…", 1), ("→", 1),
        ] as [(Character, Int)])
    func characterWidth(character: Character, expected: Int) {
        #expect(DisplayWidth.of(character) == expected)
    }

    @Test func stringWidthSumsGraphemes() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("a中b") == 4)
        #expect(DisplayWidth.of("👨‍👩‍👧 family") == 9)
        #expect(DisplayWidth.of("🇫🇷🇩🇪") == 4)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)
        #expect(DisplayWidth.of("a\u{1B}b") == 2)
    }

    @Test func truncateRespectsWidthAndAddsEllipsis() {
        #expect(DisplayWidth.truncate("hello", toWidth: 10) == "hello")
        #expect(DisplayWidth.truncate("hello", toWidth: 5) == "hello")
        #expect(DisplayWidth.truncate("hello world", toWidth: 8) == "hello w…")
        #expect(DisplayWidth.truncate("日本語テキスト", toWidth: 6) == "日本…")  // 4 + 1 <= 6; a third wide char would not fit
        #expect(DisplayWidth.of(DisplayWidth.truncate("日本語テキスト", toWidth: 6)) <= 6)
        #expect(DisplayWidth.truncate("hello", toWidth: 3, ellipsis: "...") == "...")
        #expect(DisplayWidth.truncate("hello", toWidth: 2, ellipsis: "...") == "he")
        #expect(DisplayWidth.truncate("hello", toWidth: 0) == "")
        #expect(DisplayWidth.truncate("hello", toWidth: -3) == "")
    }

    @Test func padAlignsToExactWidth() {
        #expect(DisplayWidth.pad("ab", toWidth: 5) == "ab   ")
        #expect(DisplayWidth.pad("ab", toWidth: 5, alignment: .trailing) == "   ab")
        #expect(DisplayWidth.pad("ab", toWidth: 6, alignment: .center) == "  ab  ")
        #expect(DisplayWidth.pad("中", toWidth: 4) == "中  ")
        #expect(DisplayWidth.pad("abcdef", toWidth: 4) == "abc…")
        #expect(DisplayWidth.of(DisplayWidth.pad("日本語", toWidth: 5)) == 5)
    }

    @Test func wrapBreaksAtSpacesWithinWidth() {
        let lines = DisplayWidth.wrap("The quick brown fox jumps over the lazy dog", width: 12)
        #expect(lines == ["The quick", "brown fox", "jumps over", "the lazy dog"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 12 })
    }

    @Test func wrapBreaksOverlongWordsAndKeepsNewlines() {
        #expect(DisplayWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(
            DisplayWidth.wrap("see https://example.com/very/long", width: 10)
                == ["see", "https://ex", "ample.com/", "very/long"])
        #expect(DisplayWidth.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(DisplayWidth.wrap("", width: 10) == [""])
        #expect(DisplayWidth.wrap("anything", width: 0) == [])
    }

    @Test func wrapCountsWideCharacters() {
        let lines = DisplayWidth.wrap("日本語のテキストです", width: 7)
        #expect(lines == ["日本語", "のテキ", "ストで", "す"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 7 })
        // A wide character never gets split, even in a width-1 column: it goes alone on its line.
        #expect(DisplayWidth.wrap("中a", width: 1) == ["中", "a"])
    }
}

import Testing

@testable import TerminalUI

@Suite struct ThemeTests {
    @Test func everyBuiltInThemeDefinesEveryRole() {
        for theme in Theme.all {
            #expect(Set(theme.roles.keys) == Set(StyleRole.allCases), "\(theme.name)")
            #expect(Theme.named(theme.name) == theme)
        }
        #expect(Theme.named("HIGH-CONTRAST") == .highContrast)
        #expect(Theme.named("nope") == nil)
    }

    @Test func monochromeHasNoColoursButKeepsEmphasis() {
        #expect(Theme.monochrome.isMonochrome)
        #expect(Theme.monochrome.roles.values.allSatisfy { $0.foreground == nil && $0.background == nil })
        #expect(Theme.monochrome.attributes(for: .selected).reverse)
        #expect(Theme.monochrome.attributes(for: .danger).bold)
        #expect(Theme.monochrome.attributes(for: .title).bold)
        #expect(Theme.monochrome.attributes(for: .buttonFocused) != Theme.monochrome.attributes(for: .button))
        #expect(!Theme.default.isMonochrome)
    }

    @Test func noColorSelectsMonochrome() {
        #expect(Theme.resolve(name: nil, environment: [:]) == .default)
        #expect(Theme.resolve(name: "high-contrast", environment: [:]) == .highContrast)
        #expect(Theme.resolve(name: "high-contrast", environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(Theme.resolve(name: nil, environment: ["NO_COLOR": ""]) == .default)  // empty means unset
        #expect(Theme.resolve(name: "unknown", environment: [:]) == .default)
    }

    @Test func styleEmphasisIsAddedToTheRole() {
        let warning = Theme.default.attributes(for: .warning)
        #expect(warning.foreground == .yellow && warning.bold)
        let underlined = Theme.default.attributes(for: Style(.normal, underline: true))
        #expect(underlined.underline && underlined.foreground == nil)
        let dimmed = Theme.default.attributes(for: Style(.danger, dimmed: true))
        #expect(dimmed.dim && !dimmed.bold && dimmed.foreground == .red)
        #expect(Theme.default.attributes(for: Style(.selected, reverse: true)).reverse)
    }
}

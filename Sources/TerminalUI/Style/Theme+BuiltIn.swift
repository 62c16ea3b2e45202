extension Theme {
    /// Colours on the terminal's default background; the common case.
    public static let `default` = Theme(
        name: "default",
        roles: [
            .normal: Attributes(),
            .title: Attributes(foreground: .cyan, bold: true),
            .muted: Attributes(foreground: .brightBlack),
            .accent: Attributes(foreground: .cyan),
            .selected: Attributes(foreground: .black, background: .cyan),
            .button: Attributes(foreground: .white, background: .blue),
            .buttonFocused: Attributes(foreground: .black, background: .yellow, bold: true),
            .success: Attributes(foreground: .green, bold: true),
            .warning: Attributes(foreground: .yellow, bold: true),
            .danger: Attributes(foreground: .red, bold: true),
            .vetted: Attributes(foreground: .green),
            .selfAsserted: Attributes(foreground: .yellow),
            .input: Attributes(foreground: .white, background: .blue),
            .border: Attributes(foreground: .blue),
            .statusBar: Attributes(foreground: .black, background: .white),
            .symbol: Attributes(foreground: .black, background: .brightWhite),
        ]
    )

    /// Bright colours and bold emphasis for low-vision users and washed-out displays.
    public static let highContrast = Theme(
        name: "high-contrast",
        roles: [
            .normal: Attributes(foreground: .brightWhite, background: .black),
            .title: Attributes(foreground: .brightYellow, background: .black, bold: true, underline: true),
            .muted: Attributes(foreground: .white, background: .black),
            .accent: Attributes(foreground: .brightCyan, background: .black, bold: true),
            .selected: Attributes(foreground: .black, background: .brightYellow, bold: true),
            .button: Attributes(foreground: .brightWhite, background: .black, bold: true, underline: true),
            .buttonFocused: Attributes(foreground: .black, background: .brightWhite, bold: true),
            .success: Attributes(foreground: .brightGreen, background: .black, bold: true),
            .warning: Attributes(foreground: .black, background: .brightYellow, bold: true),
            .danger: Attributes(foreground: .brightWhite, background: .red, bold: true),
            .vetted: Attributes(foreground: .brightGreen, background: .black, bold: true),
            .selfAsserted: Attributes(foreground: .brightYellow, background: .black, underline: true),
            .input: Attributes(foreground: .black, background: .brightWhite),
            .border: Attributes(foreground: .brightWhite, background: .black),
            .statusBar: Attributes(foreground: .black, background: .brightWhite, bold: true),
            .symbol: Attributes(foreground: .black, background: .brightWhite),
        ]
    )

    /// Attributes only, no colour: used when `NO_COLOR` is set and on terminals without colour.
    public static let monochrome = Theme(
        name: "monochrome",
        roles: [
            .normal: Attributes(),
            .title: Attributes(bold: true),
            .muted: Attributes(dim: true),
            .accent: Attributes(underline: true),
            .selected: Attributes(reverse: true),
            .button: Attributes(),
            .buttonFocused: Attributes(bold: true, reverse: true),
            .success: Attributes(bold: true),
            .warning: Attributes(bold: true, underline: true),
            .danger: Attributes(bold: true, reverse: true),
            .vetted: Attributes(bold: true),
            .selfAsserted: Attributes(underline: true),
            .input: Attributes(underline: true),
            .border: Attributes(),
            .statusBar: Attributes(reverse: true),
            // Without colours the glyphs (dark modules) take the terminal's background and the rest its foreground:
            // right on a dark terminal, the common case; NO_COLOR rules out the explicit colours that scan on both.
            .symbol: Attributes(reverse: true),
        ]
    )
}

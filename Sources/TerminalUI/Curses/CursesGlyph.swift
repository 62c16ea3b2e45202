/// How one canvas cell is handed to ncurses so that ncurses, the terminal and `DisplayWidth`
/// agree on where every column is.
///
/// ncurses measures a `cchar_t` by the `wcwidth` of its first character and only accepts
/// zero-width characters after it, so multi-scalar clusters that `DisplayWidth` counts as one glyph
/// (emoji ZWJ sequences, skin-tone modifiers, flags) cannot be passed whole. They degrade instead:
/// a ZWJ sequence or modified emoji is drawn as its first emoji, a flag as its two-letter region code
/// ("FR"), and when the system's width of the base still differs from `DisplayWidth` (e.g. `❤️`,
/// width 1 for `wcwidth` but 2 here), the glyph is drawn and the second column filled with a space,
/// or replaced by `�` when it cannot be made to fit. The layout therefore never shifts.
enum CursesGlyph {
    /// One piece to draw: the scalars of a `cchar_t` and its column offset within the cell.
    struct Piece: Equatable {
        var column: Int
        var scalars: [Unicode.Scalar]
    }

    /// The pieces for `character`, which `DisplayWidth` says is `width` columns wide, given the
    /// system's `wcwidth`.
    static func pieces(for character: Character, width: Int, systemWidth: (Unicode.Scalar) -> Int) -> [Piece] {
        let scalars = Array(character.unicodeScalars)
        guard let first = scalars.first else { return [Piece(column: 0, scalars: [" "])] }
        if scalars.count == 2, scalars.allSatisfy(isRegionalIndicator) {
            return scalars.enumerated().map { index, scalar in
                Piece(column: index, scalars: [Unicode.Scalar(scalar.value - 0x1F1E6 + 0x41)!])
            }
        }
        var kept = [first]
        for scalar in scalars.dropFirst() {
            guard scalar.value != 0x200D, systemWidth(scalar) == 0 else { break }
            kept.append(scalar)
        }
        let base = systemWidth(first)
        if base == width { return [Piece(column: 0, scalars: Array(kept.prefix(5)))] }
        if base == 1, width == 2 {
            return [Piece(column: 0, scalars: Array(kept.prefix(5))), Piece(column: 1, scalars: [" "])]
        }
        let replacement = Piece(column: 0, scalars: ["\u{FFFD}"])
        return width == 2 ? [replacement, Piece(column: 1, scalars: [" "])] : [replacement]
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }
}

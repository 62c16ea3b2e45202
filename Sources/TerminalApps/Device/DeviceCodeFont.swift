import GNAP

/// The block letters of the device display: the user-code alphabet (Crockford base 32, `UserCode.alphabet`) and
/// `-`, 4 columns by 5 rows each. Narrower than `BigText`'s general font on purpose: a code of 9 characters with one
/// column between letters is 44 columns, which leaves room beside it for a QR code on an 80-column terminal.
///
/// Pairs a reader could confuse from across a room are drawn apart: `2` is round and `Z` flat-topped, `5` square
/// and `S` round, `8` round and `B` square-sided, `0` slashed and `D` square.
enum DeviceCodeFont {
    static let height = 5
    static let width = 4

    /// The glyph of `character` (lower case drawn as upper case), or nil outside the alphabet.
    static func glyph(for character: Character) -> [String]? {
        guard let upper = character.uppercased().first, character.uppercased().count == 1 else { return nil }
        return glyphs[upper]
    }

    // swift-format-ignore
    static let glyphs: [Character: [String]] = [
        "0": [" ## ", "#  #", "# ##", "## #", " ## "],
        "1": [" #  ", "##  ", " #  ", " #  ", "### "],
        "2": [" ## ", "#  #", "  # ", " #  ", "####"],
        "3": ["### ", "   #", " ## ", "   #", "### "],
        "4": ["#  #", "#  #", "####", "   #", "   #"],
        "5": ["####", "#   ", "### ", "   #", "### "],
        "6": [" ## ", "#   ", "### ", "#  #", " ## "],
        "7": ["####", "   #", "  # ", " #  ", " #  "],
        "8": [" ## ", "#  #", " ## ", "#  #", " ## "],
        "9": [" ## ", "#  #", " ###", "   #", " ## "],
        "A": [" ## ", "#  #", "####", "#  #", "#  #"],
        "B": ["### ", "#  #", "### ", "#  #", "### "],
        "C": [" ###", "#   ", "#   ", "#   ", " ###"],
        "D": ["### ", "#  #", "#  #", "#  #", "### "],
        "E": ["####", "#   ", "### ", "#   ", "####"],
        "F": ["####", "#   ", "### ", "#   ", "#   "],
        "G": [" ###", "#   ", "# ##", "#  #", " ###"],
        "H": ["#  #", "#  #", "####", "#  #", "#  #"],
        "J": ["   #", "   #", "   #", "#  #", " ## "],
        "K": ["#  #", "# # ", "##  ", "# # ", "#  #"],
        "M": ["#  #", "####", "####", "#  #", "#  #"],
        "N": ["#  #", "## #", "# ##", "#  #", "#  #"],
        "P": ["### ", "#  #", "### ", "#   ", "#   "],
        "Q": [" ## ", "#  #", "#  #", "# # ", " # #"],
        "R": ["### ", "#  #", "### ", "# # ", "#  #"],
        "S": [" ###", "#   ", " ## ", "   #", "### "],
        "T": ["####", " ## ", " ## ", " ## ", " ## "],
        "V": ["#  #", "#  #", "#  #", " ## ", " ## "],
        "W": ["#  #", "#  #", "####", "####", "#  #"],
        "X": ["#  #", "#  #", " ## ", "#  #", "#  #"],
        "Y": ["#  #", "#  #", " ## ", " ## ", " ## "],
        "Z": ["####", "   #", " ## ", "#   ", "####"],
        "-": ["    ", "    ", "### ", "    ", "    "],
    ]
}

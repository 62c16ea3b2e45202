/// Deterministic test payloads of exact byte lengths.
enum Payloads {
    /// Pseudo-random bytes (SplitMix64), every byte value possible, the same for the same length and seed.
    static func bytes(count: Int, seed: UInt64 = 0x5EED) -> [UInt8] {
        var state = seed &+ UInt64(count)
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: mixed ^ (mixed >> 31))
        }
    }

    /// Text whose UTF-8 encoding is exactly `count` bytes, mixing one- to four-byte characters.
    static func text(utf8Count count: Int) -> String {
        let alphabet: [Character] = ["G", "N", "A", "P", " ", "é", "ß", "€", "✓", "漢", "字", "🔑", "/", "-", "7"]
        var text = ""
        var length = 0
        var index = 0
        while true {
            let character = alphabet[index % alphabet.count]
            let width = character.utf8.count
            guard length + width <= count else { break }
            text.append(character)
            length += width
            index += 1
        }
        return text + String(repeating: "x", count: count - length)
    }
}

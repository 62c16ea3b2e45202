/// A user code (RFC 9635 §3.3.3): 8 characters from Crockford's base-32 alphabet (no I, L, O, U), shown as
/// `XXXX-XXXX`. 32^8 = 2^40 possible codes.
public struct UserCode: Sendable, Hashable, CustomStringConvertible {
    /// The 32 symbols; digits 0/1 stand in for the look-alikes O and I/L on entry.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let length = 8

    /// The canonical 8-character form (no dash).
    public let normalized: String

    /// Generates a code from a random source (`SystemRandomNumberGenerator` is a CSPRNG on Linux: getrandom(2)).
    public static func generate<R: RandomNumberGenerator>(using generator: inout R) -> UserCode {
        let characters = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return UserCode(trusted: String(characters))
    }

    public static func generate() -> UserCode {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    private init(trusted: String) { normalized = trusted }

    /// Parses what a person typed or pasted (RFC 9635 §3.3.3: case-insensitive): spaces, dashes and underscores
    /// are dropped, letters are upper-cased, and O→0, I/L→1 (look-alikes).
    public init(parsing input: String) throws(UserCodeError) {
        let symbols = try Self.symbols(in: input)
        guard symbols.count == Self.length else { throw .wrongLength(symbols.count, expected: Self.length) }
        normalized = String(symbols)
    }

    /// The canonical symbols of typed text: separators (spaces, tabs, `-`, `_`, Unicode dashes) dropped, letters
    /// upper-cased, look-alikes mapped. Shared by every code a person types (user and enrollment codes).
    public static func symbols(in input: String) throws(UserCodeError) -> [Character] {
        var symbols: [Character] = []
        for character in input {
            switch character {
            case " ", "-", "_", "\t", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}": continue
            default: break
            }
            guard let mapped = normalize(character) else { throw .invalidCharacter(character) }
            symbols.append(mapped)
        }
        return symbols
    }

    /// Maps one typed character to its canonical symbol, or nil when it cannot be part of a code.
    public static func normalize(_ character: Character) -> Character? {
        guard character.isASCII, let upper = character.uppercased().first else { return nil }
        switch upper {
        case "O": return "0"
        case "I", "L": return "1"
        default: return alphabet.contains(upper) ? upper : nil
        }
    }

    /// The display form `XXXX-XXXX`.
    public var display: String {
        let split = normalized.index(normalized.startIndex, offsetBy: Self.length / 2)
        return "\(normalized[..<split])-\(normalized[split...])"
    }

    public var description: String { display }

    /// Formats partial input as the person types: normalized characters with the dash after the fourth.
    public static func formatPartial(_ input: String) -> String {
        let characters = input.compactMap { character -> Character? in
            character == "-" || character == " " ? nil : normalize(character)
        }.prefix(length)
        var output = String(characters.prefix(length / 2))
        if characters.count > length / 2 { output += "-" + String(characters.dropFirst(length / 2)) }
        return output
    }
}

/// Why typed text is not a user code. Messages are meant for the person typing.
public enum UserCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidCharacter(Character)
    case wrongLength(Int, expected: Int)

    public var description: String {
        switch self {
        case .invalidCharacter(let character):
            "'\(character)' cannot appear in a code (codes use letters and digits only, without U)"
        case .wrongLength(let count, let expected): "a code has \(expected) characters; this has \(count)"
        }
    }
}

import Testing

@testable import QRCode

@Suite("Half-block text rendering")
struct HalfBlockRenderingTests {
    @Test("two module rows per line, a four-module quiet zone, and the glyphs give back the modules")
    func darkOnLight() throws {
        let code = try QRCode(encoding: "GNAP", errorCorrection: .low)
        let lines = code.halfBlockLines()
        #expect(lines.count == (21 + 8 + 1) / 2)
        #expect(lines.allSatisfy { $0.count == 29 })
        #expect(lines[0] == String(repeating: " ", count: 29))
        #expect(lines[1] == String(repeating: " ", count: 29))
        #expect(lines[2].hasPrefix("    █▀▀▀▀▀█ "))
        #expect(lines[14] == String(repeating: " ", count: 29))
        #expect(Self.modules(from: lines, quietZone: 4, inkIsDark: true, size: code.size) == code.modules)
    }

    @Test("light on dark draws the light modules and the quiet zone instead")
    func lightOnDark() throws {
        let code = try QRCode(encoding: "GNAP", errorCorrection: .low)
        let lines = code.halfBlockLines(palette: .lightOnDark)
        #expect(lines[0] == String(repeating: "█", count: 29))
        #expect(lines[2].hasPrefix("████ ▄▄▄▄▄ █"))
        #expect(lines[14] == String(repeating: "▀", count: 29), "the half row below the image is background")
        #expect(Self.modules(from: lines, quietZone: 4, inkIsDark: false, size: code.size) == code.modules)
    }

    @Test("the quiet zone can be narrower or wider")
    func quietZone() throws {
        let code = try QRCode(encoding: "GNAP", errorCorrection: .low)
        let bare = code.halfBlockLines(quietZone: 0)
        #expect(bare.count == 11 && bare.allSatisfy { $0.count == 21 })
        #expect(bare[0].hasPrefix("█▀▀▀▀▀█"))
        #expect(Self.modules(from: bare, quietZone: 0, inkIsDark: true, size: 21) == code.modules)
        #expect(code.halfBlockLines(quietZone: 1).first?.count == 23)
    }

    /// Reads the module matrix back from rendered lines.
    static func modules(from lines: [String], quietZone: Int, inkIsDark: Bool, size: Int) -> [[Bool]] {
        let halves = Self.halfRows(lines)
        return (0..<size).map { row in
            (0..<size).map { column in halves[row + quietZone][column + quietZone] == inkIsDark }
        }
    }

    /// Each line as two rows of "inked" flags.
    static func halfRows(_ lines: [String]) -> [[Bool]] {
        lines.flatMap { line -> [[Bool]] in
            let characters = Array(line)
            return [
                characters.map { $0 == "█" || $0 == "▀" },
                characters.map { $0 == "█" || $0 == "▄" },
            ]
        }
    }
}

import Foundation
import GNAP
import QRCode
import QRScanTestSupport
import TerminalUI
import Testing

@testable import TerminalApps

/// The device screen's QR code as a terminal would show it, in a light and in a dark colour scheme: the whole screen
/// rasterized (cell colours from the theme, the terminal's default colours where the theme sets none) and read by
/// zbarimg, an independent reader. Set `QR_SCAN_IMAGES=DIR` to keep the PNG images for a look.
@Suite struct DeviceQRCodeScanTests {
    /// A terminal's colour scheme, as grey levels: its default foreground and background.
    struct Scheme {
        var name: String
        var foreground: UInt8
        var background: UInt8

        static let light = Scheme(name: "light", foreground: 0, background: 255)
        static let dark = Scheme(name: "dark", foreground: 229, background: 0)
    }

    /// xterm's default palette, as luminance (0.299 R + 0.587 G + 0.114 B).
    static func grey(_ color: TerminalColor) -> UInt8 {
        let rgb: (Double, Double, Double) =
            switch color {
            case .black: (0, 0, 0)
            case .red: (205, 0, 0)
            case .green: (0, 205, 0)
            case .yellow: (205, 205, 0)
            case .blue: (0, 0, 238)
            case .magenta: (205, 0, 205)
            case .cyan: (0, 205, 205)
            case .white: (229, 229, 229)
            case .brightBlack: (127, 127, 127)
            case .brightRed: (255, 0, 0)
            case .brightGreen: (0, 255, 0)
            case .brightYellow: (255, 255, 0)
            case .brightBlue: (92, 92, 255)
            case .brightMagenta: (255, 0, 255)
            case .brightCyan: (0, 255, 255)
            case .brightWhite: (255, 255, 255)
            }
        return UInt8((0.299 * rgb.0 + 0.587 * rgb.1 + 0.114 * rgb.2).rounded())
    }

    static let cellWidth = 4
    static let cellHeight = 8

    /// The canvas as a terminal draws it: each cell `cellWidth` × `cellHeight` pixels in its background colour,
    /// `▀ ▄ █` filling their halves with the foreground colour, any other glyph a block of ink in the cell's middle.
    static func pixels(_ canvas: Canvas, theme: Theme, scheme: Scheme) -> [[UInt8]] {
        var image = [[UInt8]](
            repeating: [UInt8](repeating: scheme.background, count: canvas.size.width * cellWidth),
            count: canvas.size.height * cellHeight)
        for y in 0..<canvas.size.height {
            for x in 0..<canvas.size.width {
                let cell = canvas[x, y]
                guard !cell.isContinuation else { continue }
                let attributes = theme.attributes(for: cell.style)
                var foreground = attributes.foreground.map(grey) ?? scheme.foreground
                var background = attributes.background.map(grey) ?? scheme.background
                if attributes.reverse { swap(&foreground, &background) }
                for row in 0..<cellHeight {
                    for column in 0..<cellWidth {
                        let inked: Bool =
                            switch cell.character {
                            case "█": true
                            case "▀": row < cellHeight / 2
                            case "▄": row >= cellHeight / 2
                            case " ": false
                            default: (1...2).contains(column) && (2...5).contains(row)
                            }
                        image[y * cellHeight + row][x * cellWidth + column] = inked ? foreground : background
                    }
                }
            }
        }
        return image
    }

    /// The device screen at 80x24 with the code and its QR code.
    static var screen: Canvas {
        DeviceScreen(startedAt: Fixtures.now).view(DeviceScreenTests.state(), size: Size(width: 80, height: 24))
    }

    @Test(arguments: ["light", "dark"], ["default", "high-contrast"])
    func theQRCodeScansOnLightAndDarkTerminals(_ schemeName: String, _ themeName: String) throws {
        let scheme = schemeName == "light" ? Scheme.light : Scheme.dark
        let theme = try #require(Theme.named(themeName))
        let png = PNGWriter.greyscale(Self.pixels(Self.screen, theme: theme, scheme: scheme))
        if let directory = ProcessInfo.processInfo.environment["QR_SCAN_IMAGES"] {
            try Data(png).write(
                to: URL(fileURLWithPath: directory).appendingPathComponent("device-\(theme.name)-\(scheme.name).png"))
        }
        let decoded = try ZbarDecoder.decode(png: png)
        #expect(String(decoding: decoded, as: UTF8.self) == DeviceScreenTests.codeURI)
    }

    /// Without colours (NO_COLOR, or a terminal that has none) the QR code is drawn in reverse video, which is right
    /// on dark terminals, the common case.
    @Test func withoutColoursTheQRCodeScansOnDarkTerminals() throws {
        let png = PNGWriter.greyscale(Self.pixels(Self.screen, theme: .monochrome, scheme: .dark))
        let decoded = try ZbarDecoder.decode(png: png)
        #expect(String(decoding: decoded, as: UTF8.self) == DeviceScreenTests.codeURI)
    }

    @Test func theQRCodeIsDrawnDarkOnLightWithItsQuietZone() throws {
        let canvas = Self.screen
        let symbolCells = (0..<canvas.size.height).flatMap { y in (0..<canvas.size.width).map { canvas[$0, y] } }
            .filter { $0.style == .symbol }
        // The modules plus a quiet zone of 4 on each side, two module rows per line, all in the symbol style.
        let side = try QRCode(encoding: DeviceScreenTests.codeURI, errorCorrection: .low).size + 8
        #expect(symbolCells.count == side * ((side + 1) / 2))
        #expect(Theme.default.attributes(for: .symbol) == Attributes(foreground: .black, background: .brightWhite))
    }
}

import Foundation
import GNAP
import Testing

/// The README documents the files of `serve --clients` and `--access-catalog` with an example each; the examples
/// must be files the AS accepts.
@Suite("README configuration examples")
struct READMEConfigurationExampleTests {
    /// The first ```json block after the heading that starts with `heading`.
    static func example(after heading: String) throws -> [UInt8] {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "\n" + heading)).upperBound
        let start = try #require(readme.range(of: "```json\n", range: section..<readme.endIndex)).upperBound
        let end = try #require(readme.range(of: "```", range: start..<readme.endIndex)).lowerBound
        return Array(readme[start..<end].utf8)
    }

    @Test func theClientRegistryExampleLoads() throws {
        let registry = try ClientRegistry.load(from: try Self.example(after: "#### Pre-registered clients"))
        #expect(registry.entries.map(\.id) == ["lobby-kiosk"])
        #expect(registry.entries.first?.display.name == "Lobby Kiosk")
    }

    @Test func theAccessCatalogExampleLoads() throws {
        let catalog = try AccessCatalog.load(from: try Self.example(after: "#### Access catalog"))
        #expect(catalog.types["photo-api"] == "Photos stored in your library")
        #expect(catalog.refusesUnknownReferences)
    }

    @Test func brokenFilesSayWhere() {
        #expect {
            try AccessCatalog.load(from: Array(#"{"types": {"a": "b"} "references": {}}"#.utf8))
        } throws: { error in
            "\(error)" == "the access catalog is not valid JSON (at line 1, column 22)"
        }
    }
}

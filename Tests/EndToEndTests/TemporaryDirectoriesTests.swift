import Foundation
import TempDirTestSupport
import Testing

/// The directories the end-to-end tests make are removed when the test process exits (`TemporaryDirectories`).
@Suite("temporary directories")
struct TemporaryDirectoriesTests {
    @Test func aTestDirectoryExistsAndIsRemovedAtExit() throws {
        let directory = try Binary.temporaryDirectory("registry")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
        #expect(directory.lastPathComponent.hasPrefix("gnapterm-e2e-registry-"))
        #expect(TemporaryDirectories.isRegistered(directory))
    }

    @Test func aRegistryRemovesItsDirectoriesWithWhatTheyHoldAndSkipsMissingOnes() throws {
        let registry = DirectoryRegistry()
        let base = FileManager.default.temporaryDirectory
        let full = base.appendingPathComponent("gnapterm-registry-full-\(UUID().uuidString)")
        let missing = base.appendingPathComponent("gnapterm-registry-missing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: full.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: full.appendingPathComponent("nested/file"))
        registry.register(missing)
        registry.register(full)
        registry.removeAll()
        #expect(!FileManager.default.fileExists(atPath: full.path))
        #expect(registry.registered.isEmpty)
    }
}

import Foundation

enum Fixtures {
    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gnapterm-tests-\(UUID().uuidString)")
    }
}

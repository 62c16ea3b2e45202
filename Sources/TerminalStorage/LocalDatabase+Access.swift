import GNAPStorage
import GRDB

// Every read and write of the local store goes through these, so a failing database reaches the person as a
// `StorageError` sentence (what failed and what to do), not as SQLite's text with the SQL statement in it.
extension LocalDatabase {
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw StorageError.describing(error)
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw StorageError.describing(error)
        }
    }
}

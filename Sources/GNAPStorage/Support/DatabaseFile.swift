import Foundation
import GRDB

/// Opening SQLite files that hold secrets: the directory is created 0700 and the file 0600 before SQLite touches
/// it (SQLite gives its -wal/-shm/-journal files the mode of the database file). Every failure is a
/// ``StorageError`` that names the path and what to do, never a Foundation or SQLite dump.
package enum DatabaseFile {
    package static func prepare(directory: URL, fileName: String) throws(StorageError) -> String {
        try makeDirectory(directory.standardizedFileURL.path)
        let path = directory.appendingPathComponent(fileName).path
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw .cannotCreate(path: path, reason: StorageError.reason(errno: errno))
        }
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw .cannotOpen(path: path, reason: "it is not a file; move it away or choose another directory")
        }
        guard chmod(path, 0o600) == 0 else {
            throw .cannotOpen(path: path, reason: StorageError.reason(errno: errno))
        }
        return path
    }

    /// `mkdir -p` with mode 0700, keeping the reason of the first directory that cannot be made.
    private static func makeDirectory(_ path: String) throws(StorageError) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw .cannotCreateDirectory(path: path, reason: StorageError.reason(errno: ENOTDIR))
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectory(parent) }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw .cannotCreateDirectory(path: path, reason: StorageError.reason(errno: errno))
        }
    }

    /// Runs `body`, which opens and migrates the database at `path`, turning SQLite's errors into a sentence.
    package static func opening<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StorageError.cannotOpen(path: path, reason: StorageError.reason(error.resultCode))
        }
    }

    package static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        return configuration
    }
}

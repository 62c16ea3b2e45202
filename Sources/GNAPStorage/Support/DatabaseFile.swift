import Foundation
import GRDB

/// Opening SQLite files that hold secrets: the directory is created 0700 and the file 0600 before SQLite touches
/// it (SQLite gives its -wal/-shm/-journal files the mode of the database file).
package enum DatabaseFile {
    package static func prepare(directory: URL, fileName: String) throws -> String {
        let manager = FileManager.default
        if !manager.fileExists(atPath: directory.path) {
            try manager.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let path = directory.appendingPathComponent(fileName).path
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StorageError.cannotCreate(path)
            }
        }
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    package static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        return configuration
    }
}

/// Storage failures with a message a person can act on.
public enum StorageError: Error, Sendable, CustomStringConvertible {
    case cannotCreate(String)
    case corruptRecord(String)

    public var description: String {
        switch self {
        case .cannotCreate(let path): "cannot create the database file \(path)"
        case .corruptRecord(let detail): "a stored record is unreadable: \(detail)"
        }
    }
}

import Foundation
import GRDB

/// Storage failures as one sentence a person can act on: what failed, on which path, why, and what to do.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A directory on the way to the database could not be made.
    case cannotCreateDirectory(path: String, reason: String)
    case cannotCreate(path: String, reason: String)
    /// The file exists but SQLite cannot use it.
    case cannotOpen(path: String, reason: String)
    /// Reading or writing an open database failed.
    case failed(reason: String)
    case corruptRecord(String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason): "cannot create the directory \(path): \(reason)"
        case .cannotCreate(let path, let reason): "cannot create the database file \(path): \(reason)"
        case .cannotOpen(let path, let reason): "cannot open the database file \(path): \(reason)"
        case .failed(let reason): "the database failed: \(reason)"
        case .corruptRecord(let detail): "a stored record is unreadable: \(detail)"
        }
    }

    /// Why a file operation failed, and what to do about it.
    static func reason(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied; choose a directory you can write to"
        case EROFS: "the file system is read-only; choose a directory you can write to"
        case ENOSPC, EDQUOT: "no space left on the device; free some space or choose another directory"
        case ENOTDIR: "a part of the path is a file, not a directory; choose another directory"
        case ENAMETOOLONG: "the path is too long; choose a shorter one"
        case ELOOP: "the path has too many symbolic links; choose another directory"
        default: String(cString: strerror(code)).lowercased() + "; choose another directory"
        }
    }

    /// Why SQLite failed, and what to do about it.
    static func reason(_ code: ResultCode) -> String {
        switch code.primaryResultCode {
        case .SQLITE_READONLY: "it is read-only; make it writable (chmod u+w) or choose another directory"
        case .SQLITE_NOTADB: "it is not a SQLite database; move it away or choose another directory"
        case .SQLITE_CORRUPT: "it is damaged; restore it from a backup or move it away"
        case .SQLITE_FULL: "the disk is full; free some space and try again"
        case .SQLITE_BUSY, .SQLITE_LOCKED: "another process keeps it locked; stop that process or try again"
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: "permission denied; choose a directory you can write to"
        case .SQLITE_IOERR: "the disk reported an I/O error; check the disk and try again"
        default: "SQLite error \(code.primaryResultCode.rawValue); check the file and its directory"
        }
    }

    /// The sentence for an error thrown while reading or writing an open database.
    package static func describing(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        if let error = error as? DatabaseError { return .failed(reason: reason(error.resultCode)) }
        return .failed(reason: String(describing: type(of: error)))
    }
}

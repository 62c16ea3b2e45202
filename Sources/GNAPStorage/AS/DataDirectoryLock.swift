import Foundation
import Glibc

/// An exclusive lock on an AS data directory, held by `gnapterm serve` for as long as it runs: an advisory `flock`
/// on the file ``fileName`` in it, which holds the holder's process id. A second `serve` on the same directory is
/// refused with a sentence naming that process. The kernel releases the lock when the process ends, however it
/// ends, so a crashed AS never leaves a stale lock behind.
public final class DataDirectoryLock: Sendable {
    /// The lock file's name inside the data directory.
    public static let fileName = "serve.lock"

    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Takes the lock on `directory` (created 0700 if missing), or throws why not.
    public static func acquire(directory: URL) throws(DataDirectoryLockError) -> DataDirectoryLock {
        let path: String
        do {
            path = try DatabaseFile.prepare(directory: directory, fileName: fileName)
        } catch {
            throw .unusable(error)
        }
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw .held(directory: directory.path, holder: holder.flatMap(Int32.init))
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return DataDirectoryLock(descriptor: descriptor)
    }
}

/// Why a data directory could not be locked, in one sentence.
public enum DataDirectoryLockError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(String)
    /// The directory or the lock file cannot be made or used (the sentence says why and what to do).
    case unusable(StorageError)
    case held(directory: String, holder: Int32?)

    public var description: String {
        switch self {
        case .cannotOpen(let path):
            "cannot open the lock file \(path)"
        case .unusable(let error):
            error.description
        case .held(let directory, let holder):
            "another gnapterm serve\(holder.map { " (process \($0))" } ?? "") is using the data directory \(directory); "
                + "stop it first, or give this one another --data-dir"
        }
    }
}

import Foundation
import GRDB
import Testing

@testable import GNAPStorage

/// Why the database cannot be made or used, as a person reads it: the reason and what to do, for the failures that
/// root (these tests' user) never meets on its own, such as a directory it may not write.
@Suite("Storage error sentences")
struct StorageErrorTests {
    @Test func fileSystemReasonsSayWhatToDo() {
        #expect(
            StorageError.cannotCreateDirectory(path: "/srv/as", reason: StorageError.reason(errno: EACCES)).description
                == "cannot create the directory /srv/as: permission denied; choose a directory you can write to")
        #expect(
            StorageError.cannotCreate(path: "/srv/as/gnapterm-as.sqlite", reason: StorageError.reason(errno: EROFS))
                .description
                == "cannot create the database file /srv/as/gnapterm-as.sqlite: the file system is read-only; choose a "
                + "directory you can write to")
        #expect(StorageError.reason(errno: ENOSPC).hasPrefix("no space left on the device"))
    }

    @Test func sqliteReasonsSayWhatToDo() {
        #expect(
            StorageError.reason(ResultCode.SQLITE_READONLY)
                == "it is read-only; make it writable (chmod u+w) or choose another directory")
        #expect(StorageError.reason(ResultCode.SQLITE_FULL) == "the disk is full; free some space and try again")
        #expect(
            StorageError.reason(ResultCode.SQLITE_BUSY)
                == "another process keeps it locked; stop that process or try again")
        let failed = StorageError.describing(DatabaseError(resultCode: .SQLITE_FULL, message: "INSERT INTO secrets …"))
        #expect(failed.description == "the database failed: the disk is full; free some space and try again")
        #expect(!failed.description.contains("INSERT"))
    }
}

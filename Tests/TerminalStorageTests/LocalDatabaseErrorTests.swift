import Foundation
import GNAP
import GNAPStorage
import TerminalSession
import TerminalStorage
import Testing

/// What a person reads when the store cannot be made or opened, and the access objects kept with decisions.
@Suite("Local database: errors and access objects")
struct LocalDatabaseErrorTests {
    @Test func aDirectoryBehindAFileIsOneSentence() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        #expect {
            try LocalDatabase.open(directory: file.appendingPathComponent("home"))
        } throws: { error in
            "\(error)"
                == "cannot create the directory \(file.path): a part of the path is a file, not a directory; choose "
                + "another directory"
        }
    }

    @Test func aFileThatIsNotADatabaseIsOneSentence() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(LocalDatabase.fileName)
        try Data(repeating: 0x41, count: 4096).write(to: path)
        #expect {
            try LocalDatabase.open(directory: directory)
        } throws: { error in
            "\(error)"
                == "cannot open the database file \(path.path): it is not a SQLite database; move it away or choose "
                + "another directory"
        }
    }

    @Test func aDirectoryWhereTheFileGoesIsOneSentence() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(LocalDatabase.fileName)
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        #expect {
            try LocalDatabase.open(directory: directory)
        } throws: { error in
            "\(error)"
                == "cannot open the database file \(path.path): it is not a file; move it away or choose another "
                + "directory"
        }
    }

    @Test func decisionsKeepTheirAccessObjects() async throws {
        let database = try LocalDatabase.inMemory()
        let photos = AccessRight.object(AccessRightObject(type: "photo-api", actions: ["read"]))
        try await database.recordDecision(
            DecisionRecord(
                id: "r1", decidedAt: WallInstant(unixSeconds: 100), server: "s", grantID: "g1", clientName: "TV",
                clientURI: nil, keyThumbprint: "tp", decision: .approved, grantedRights: ["photo-api: read"],
                withheldRights: ["dolphin-metadata"], releasedSubject: [], reason: nil, grantedAccess: [photos],
                withheldAccess: [.reference("dolphin-metadata")]))
        try await database.recordDecision(
            DecisionRecord(
                id: "r0", decidedAt: WallInstant(unixSeconds: 50), server: "s", grantID: "g0", clientName: "TV",
                clientURI: nil, keyThumbprint: "tp", decision: .denied, grantedRights: [], withheldRights: ["x"],
                releasedSubject: [], reason: "no"))
        let history = try await database.decisions(limit: 10)
        #expect(history[0].grantedAccess == [photos])
        #expect(history[0].withheldAccess == [.reference("dolphin-metadata")])
        #expect(history[1].grantedAccess == nil)
    }
}

import Foundation
import GNAP
import HTTPMessageSignatures
import TerminalSession
import TerminalStorage
import Testing

@Suite("Local database")
struct LocalDatabaseTests {
    @Test func keysAndIdentitiesPersistInA0600File() async throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try SigningKey.generateEd25519(keyID: "dev").privateJWK()
        do {
            let database = try LocalDatabase.open(directory: directory)
            try await database.saveClientKey(name: "default", jwk: key)
            try await database.saveApproverIdentity(
                ApproverIdentity(
                    server: "http://127.0.0.1:1", deviceID: "d1", privateKey: key, username: "admin",
                    displayName: "Administrator", enrolledAt: WallInstant(unixSeconds: 100)))
        }
        let reopened = try LocalDatabase.open(directory: directory)
        #expect(try await reopened.clientKey(name: "default") == key)
        #expect(try await reopened.clientKey(name: "other") == nil)
        #expect(try await reopened.approverIdentity(server: "http://127.0.0.1:1")?.deviceID == "d1")
        let path = directory.appendingPathComponent(LocalDatabase.fileName).path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let directoryMode =
            try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? NSNumber
        #expect(directoryMode?.intValue == 0o700)
    }

    @Test func decisionsComeBackNewestFirst() async throws {
        let database = try LocalDatabase.inMemory()
        for (index, decision) in [DecisionRecord.Decision.approved, .denied].enumerated() {
            try await database.recordDecision(
                DecisionRecord(
                    id: "r\(index)", decidedAt: WallInstant(unixSeconds: Int64(100 + index)), server: "s",
                    grantID: "g\(index)",
                    clientName: "TV", clientURI: nil, keyThumbprint: "tp", decision: decision,
                    grantedRights: decision == .approved ? ["photo-api: read"] : [], withheldRights: ["calendar"],
                    releasedSubject: [], reason: decision == .denied ? "not mine" : nil))
        }
        let history = try await database.decisions(limit: 10)
        #expect(history.map(\.id) == ["r1", "r0"])
        #expect(history[0].reason == "not mine")
        #expect(history[1].grantedRights == ["photo-api: read"])
        #expect(try await database.decisions(limit: 1).count == 1)
    }
}

import Foundation
import GNAP
import TerminalSession
import TerminalStorage
import Testing

@Suite("Local database: the device's grant")
struct DeviceGrantStorageTests {
    static func record(_ value: String) -> DeviceGrantRecord {
        DeviceGrantRecord(
            server: "http://127.0.0.1:8080", receivedAt: WallInstant(unixSeconds: 1_767_258_000),
            accessToken: .single(
                AccessTokenResponse(
                    value: value,
                    manage: TokenManagement(
                        uri: "http://127.0.0.1:8080/token/t1", accessToken: TokenValue(value: "m-" + value)),
                    access: [.reference("dolphin-metadata")], expiresIn: 3600)),
            subject: nil)
    }

    @Test func aGrantIsStoredReplacedAndForgotten() async throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let database = try LocalDatabase.open(directory: directory)
            #expect(try await database.deviceGrant(name: "device") == nil)
            try await database.saveDeviceGrant(Self.record("first"), name: "device")
            try await database.saveDeviceGrant(Self.record("second"), name: "device")
        }
        let reopened = try LocalDatabase.open(directory: directory)
        #expect(try await reopened.deviceGrant(name: "device") == Self.record("second"))
        #expect(try await reopened.deviceGrant(name: "other") == nil)
        try await reopened.deleteDeviceGrant(name: "device")
        #expect(try await reopened.deviceGrant(name: "device") == nil)
        // Deleting what is not there is not an error.
        try await reopened.deleteDeviceGrant(name: "device")
    }
}

import Foundation
import Testing

/// Software-only authorization between the built binaries (RFC 9635 §1.6.4): a device registered in `--clients` with
/// standing access gets its token at once, with nobody asked; a request beyond it waits for a person.
extension EndToEnd {
    @Suite("device with standing access", .timeLimit(.minutes(3)))
    struct StandingAccessFlowTests {
        @Test func aRegisteredClientGetsTokensWithNoPersonWithinItsStandingAccessOnly() async throws {
            let deviceHome = try Binary.temporaryDirectory("device")
            let key = try PipedCommand.run(["device", "key", "--home", deviceHome.path], stdin: [])
            #expect(key.status == 0, "\(key.stderr)")
            let jwk = try JSONSerialization.jsonObject(with: Data(key.stdoutText.utf8))
            let clients: [String: Any] = [
                "clients": [
                    [
                        "id": "backup-job", "key": ["proof": "httpsig", "jwk": jwk] as [String: Any],
                        "display": ["name": "Backups"],
                        "standing_access": [["type": "photo-api", "actions": ["read"]]],
                    ] as [String: Any]
                ]
            ]
            let file = try Binary.temporaryDirectory("clients").appendingPathComponent("clients.json")
            try JSONSerialization.data(withJSONObject: clients).write(to: file)
            let server = try await ASProcess.start(extraArguments: ["--clients", file.path])
            defer { server.stop() }

            let within = try RunningProcess([
                "device", "--as", server.url, "--json", "--home", deviceHome.path, "--access",
                #"[{"type":"photo-api","actions":["read"]}]"#,
            ])
            defer { within.stop() }
            #expect(try await within.exitStatus() == 0)
            #expect(!within.stdout.contains("user_code"), "\(within.stdout)")
            let last = try #require(
                within.stdoutLines.last.flatMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                })
            #expect(last["event"] as? String == "granted")
            let access = (last["access_token"] as? [String: Any])?["access"] as? [[String: Any]]
            #expect(access?.first?["type"] as? String == "photo-api")

            // Beyond it (write): a person must approve, so the device shows a code and waits.
            let beyond = try RunningProcess([
                "device", "--as", server.url, "--json", "--home", deviceHome.path, "--access",
                #"[{"type":"photo-api","actions":["write"]}]"#,
            ])
            defer { beyond.stop() }
            try await beyond.waitForOutput("\"user_code\"")
            #expect(!beyond.stdout.contains("granted"))
        }
    }
}

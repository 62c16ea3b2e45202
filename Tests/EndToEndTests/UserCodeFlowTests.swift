import Foundation
import Testing

/// The built binaries against each other: `gnapterm serve`, `gnapterm device --json`, and `gnapterm approve` (the
/// ncurses app inside tmux, or `--plain` through pipes).
extension EndToEnd {
    @Suite("serve, device, approve", .timeLimit(.minutes(3)))
    struct UserCodeFlowTests {
        static let access =
            #"[{"type":"photo-api","actions":["read","write"],"locations":["https://photos.example"]},"dolphin-metadata",{"type":"calendar","actions":["read"]}]"#

        struct Device {
            let process: RunningProcess
            let home: URL
            let code: String

            static func start(_ server: ASProcess) async throws -> Device { try await start(url: server.url) }

            /// The device of an AS at `url` (a proxy in front of several instances, for one).
            static func start(url: String) async throws -> Device {
                let home = try Binary.temporaryDirectory("device")
                let process = try RunningProcess([
                    "device", "--as", url, "--json", "--home", home.path, "--name", "E2E TV", "--access",
                    UserCodeFlowTests.access,
                ])
                try await process.waitForOutput("\"user_code\"")
                let first = try JSONSerialization.jsonObject(with: Data(process.stdoutLines[0].utf8)) as? [String: Any]
                guard first?["event"] as? String == "user_code", let code = first?["user_code"] as? String,
                    first?["expires_at"] is String, first?["user_code_uri"] as? String == url + "/device"
                else { throw E2EError("unexpected first line: \(process.stdoutLines[0])") }
                return Device(process: process, home: home, code: code)
            }

            var lastEvent: [String: Any]? {
                process.stdoutLines.last.flatMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                }
            }
        }

        func approver(_ server: ASProcess, home: URL) throws -> Tmux {
            try Tmux(
                command: [
                    Binary.path, "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home.path,
                ]
                .map(shellQuoted).joined(separator: " "))
        }

        @Test func approvingPartOfTheRequestGivesATokenForExactlyThoseRights() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = try await Device.start(server)
            defer { device.process.stop() }
            let home = try Binary.temporaryDirectory("approver")
            let tmux = try approver(server, home: home)
            defer { tmux.kill() }
            try await tmux.waitFor("Enter a code")
            // Typed the way a person might: lower case, no dash.
            try tmux.type(device.code.lowercased().replacingOccurrences(of: "-", with: ""))
            try tmux.send("Enter")
            let review = try await tmux.waitFor("A device is asking for access to your account")
            #expect(review.contains("E2E TV (self-asserted)"))
            #expect(review.contains("dolphin-metadata — Metadata of the dolphin research dataset"))
            // The device learns on its next poll that the code was entered.
            try await device.process.waitForOutput(#"{"event":"code_entered"}"#)
            // Untick the second right (dolphin-metadata), then approve and confirm.
            try tmux.send("j")
            try tmux.send("Space")
            try await tmux.waitFor("2 of 3 rights included")
            try tmux.send("a")
            let confirm = try await tmux.waitFor("Confirm approval")
            #expect(confirm.contains("Withheld"))
            try tmux.send("y")
            try await tmux.waitFor("Approved")
            #expect(try await device.process.exitStatus() == 0)
            let last = try #require(device.lastEvent)
            #expect(last["event"] as? String == "granted")
            // Entering the code was reported once, as its own line.
            let events = device.process.stdoutLines.compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["event"] as? String
            }
            #expect(events.filter { $0 == "code_entered" }.count == 1, "\(events)")
            let token = try #require(last["access_token"] as? [String: Any])
            let access = try #require(token["access"] as? [Any])
            #expect(access.count == 2)
            #expect((access[0] as? [String: Any])?["type"] as? String == "photo-api")
            #expect((access[1] as? [String: Any])?["type"] as? String == "calendar")
            #expect(!(access.contains { ($0 as? String) == "dolphin-metadata" }))
            #expect((token["value"] as? String)?.count == 43)
            // The grant is among this approver's active grants at the AS; revoking it there ends the token.
            try tmux.send("h")
            try tmux.send("Tab")
            try await tmux.waitFor("E2E TV  (self-asserted)")
            try tmux.send("r")
            try await tmux.waitFor("Revoke “E2E TV”")
            try tmux.send("Enter")
            try await tmux.waitFor("Revoked “E2E TV”: its tokens no longer work.")
            try await tmux.waitFor("No active grants")
            let manage = try #require(token["manage"] as? [String: Any])
            let rotate = try PipedCommand.run(["device", "token", "rotate", "--home", device.home.path], stdin: [])
            #expect(rotate.status != 0, "a revoked token cannot be rotated: \(rotate.stdoutText)")
            #expect(rotate.stderr.contains("the authorization server refused"), "\(rotate.stderr)")
            #expect(manage["uri"] != nil)
            try tmux.send("q")

            // The decision is in this terminal's history.
            let history = try RunningProcess(["history", "--json", "--home", home.path])
            #expect(try await history.exitStatus() == 0)
            let entries = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]]
            #expect(entries?.count == 1)
            #expect(entries?.first?["decision"] as? String == "approved")
            #expect(entries?.first?["client_name"] as? String == "E2E TV")
            #expect((entries?.first?["withheld_rights"] as? [String])?.first?.hasPrefix("dolphin-metadata") == true)
            // The device's key and the approver's key live in 0600 files.
            for directory in [home, device.home] {
                let mode =
                    try FileManager.default.attributesOfItem(
                        atPath: directory.appendingPathComponent("gnapterm.sqlite").path)[.posixPermissions]
                    as? NSNumber
                #expect(mode?.intValue == 0o600)
            }
        }

        @Test func aDenialMakesTheDeviceExit3() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = try await Device.start(server)
            defer { device.process.stop() }
            let home = try Binary.temporaryDirectory("approver")
            let tmux = try approver(server, home: home)
            defer { tmux.kill() }
            try await tmux.waitFor("Enter a code")
            try tmux.type(device.code)
            try tmux.send("Enter")
            try await tmux.waitFor("A device is asking for access")
            try tmux.send("d")
            try await tmux.waitFor("Deny this request")
            try tmux.send("Down")
            try tmux.send("Enter")
            try await tmux.waitFor("Denied")
            #expect(try await device.process.exitStatus() == 3)
            #expect(device.lastEvent?["event"] as? String == "denied")
            #expect((device.lastEvent?["error"] as? [String: Any])?["code"] as? String == "user_denied")
            #expect(device.process.stderr.contains("denied"))
            // The reason reaches the admins: the admin view (same terminal, the bootstrap admin) lists it among the
            // decisions, read from the admin API.
            try tmux.send("q")
            let admin = try Tmux(
                command: [Binary.path, "admin", "--as", server.url, "--home", home.path].map(shellQuoted)
                    .joined(separator: " "))
            defer { admin.kill() }
            try await admin.waitFor("● live")
            try admin.send("2")
            try await admin.waitFor("denied: I did not start this request")
        }

        @Test func anExpiredCodeMakesTheDeviceExit4() async throws {
            let server = try await ASProcess.start(pollInterval: 1, codeLifetime: 2)
            defer { server.stop() }
            let device = try await Device.start(server)
            defer { device.process.stop() }
            #expect(try await device.process.exitStatus() == 4)
            #expect(device.process.stdoutLines.last == #"{"event":"expired"}"#)
            #expect(device.process.stderr.contains("the code expired before anyone approved it"))
        }

        @Test func plainModeApprovesFromStandardInput() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = try await Device.start(server)
            defer { device.process.stop() }
            let home = try Binary.temporaryDirectory("plain")
            let input = "\(device.code)\napprove 2\nyes\n"
            let process = Process()
            process.executableURL = Binary.url
            process.arguments = [
                "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home.path, "--plain",
            ]
            let stdin = Pipe()
            let stdout = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = FileHandle.nullDevice
            try process.run()
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            let transcript = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(transcript.contains("A device is asking for access to your account."))
            #expect(transcript.contains("\u{1B}") == false)
            #expect(try await device.process.exitStatus() == 0)
            let token = device.lastEvent?["access_token"] as? [String: Any]
            #expect(token?["access"] as? [String] == ["dolphin-metadata"])
        }

        @Test func ctrlCRestoresTheTerminal() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let directory = try Binary.temporaryDirectory("tty")
            let before = directory.appendingPathComponent("before").path
            let after = directory.appendingPathComponent("after").path
            let approve = [
                Binary.path, "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", directory.path,
            ]
            .map(shellQuoted).joined(separator: " ")
            let script =
                "stty -a > \(shellQuoted(before)); \(approve); echo EXIT=$?; stty -a > \(shellQuoted(after)); "
                + "echo STTY-SAVED; sleep 60"
            let tmux = try Tmux(command: "sh -c \(shellQuoted(script))")
            defer { tmux.kill() }
            try await tmux.waitFor("Enter a code")
            try tmux.send("C-c")
            try await tmux.waitFor("STTY-SAVED")
            let saved = try String(contentsOfFile: before, encoding: .utf8)
            let restored = try String(contentsOfFile: after, encoding: .utf8)
            #expect(saved == restored)
            #expect(try tmux.screen().contains("EXIT=0"))
        }

        @Test func badArgumentsGiveOneReadableLine() async throws {
            let noServer = try RunningProcess([
                "device", "--as", "http://127.0.0.1:1", "--access", #"["x"]"#, "--home",
                try Binary.temporaryDirectory("bad").path,
            ])
            #expect(try await noServer.exitStatus() == 1)
            #expect(
                noServer.stderr.hasPrefix("gnapterm device: cannot reach the authorization server: connection refused"))
            let badAccess = try RunningProcess([
                "device", "--as", "http://127.0.0.1:1", "--access", "{", "--home",
                try Binary.temporaryDirectory("bad").path,
            ])
            #expect(try await badAccess.exitStatus() == 1)
            #expect(
                badAccess.stderr
                    == "gnapterm device: invalid --access: the access array is not valid JSON (it ends too early)\n")
        }
    }
}

import Foundation
import Testing

/// `gnapterm device` as a person sees it (full screen in tmux), its `--output` file and stored grant managed with
/// `gnapterm device token`, and its patience when the AS restarts.
extension EndToEnd {
    @Suite("device display, tokens, restarts", .timeLimit(.minutes(3)))
    struct DeviceDisplayFlowTests {
        static let access = #"[{"type":"photo-api","actions":["read"]}]"#

        /// Approves `code` (every right) with `gnapterm approve --plain`, enrolling a fresh approver home.
        static func approve(_ code: String, at server: ASProcess) async throws {
            let process = try RunningProcess(
                [
                    "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home",
                    try Binary.temporaryDirectory("approver").path, "--plain",
                ], standardInput: "\(code)\napprove\nyes\n")
            let status = try await process.exitStatus()
            guard status == 0 else { throw E2EError("approve exited \(status): \(process.stdout)\(process.stderr)") }
        }

        static func json(_ line: String) -> [String: Any]? {
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }

        static func mode(_ path: String) throws -> Int? {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        }

        @Test func theFullScreenDisplayShowsTheCodeAndTheQRCodeAndTheTokenGoesToTheOutputFile() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("device")
            let output = home.appendingPathComponent("token.json").path
            let device = [
                Binary.path, "device", "--as", server.url, "--home", home.path, "--access", Self.access, "--output",
                output,
            ]
            .map(shellQuoted).joined(separator: " ")
            let tmux = try Tmux(
                command: "sh -c \(shellQuoted("\(device); echo EXIT=$?; sleep 60"))", width: 80, height: 24)
            defer { tmux.kill() }
            let screen = try await tmux.waitFor("Waiting for someone to enter the code")
            #expect(screen.contains("To let this device in, enter this code:"))
            // Block letters, left of the QR code: every glyph of the code font has two full blocks side by side
            // (a run of four depends on which code the AS drew).
            #expect(screen.split(separator: "\n").contains { $0.prefix(46).contains("██") })
            #expect(screen.contains("▀") && screen.contains("▄"))  // the QR code's half blocks
            #expect(screen.contains(server.url + "/device"))
            #expect(screen.contains("Expires in "))
            // A resize reflows: too small for the letters and the QR code, then big enough again.
            try tmux.run(["resize-window", "-t", tmux.session, "-x", "40", "-y", "12"])
            let small = try await tmux.waitFor("(no room for the QR code)")
            #expect(!small.contains("▀"))
            try tmux.run(["resize-window", "-t", tmux.session, "-x", "80", "-y", "24"])
            try await tmux.waitFor("or scan the QR code.")
            // The code as text under the block letters.
            let pattern = try Regex(#"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"#)
            let code = try #require(screen.firstMatch(of: pattern)).output[0].substring.map(String.init)
            try await Self.approve(try #require(code), at: server)
            let done = try await tmux.waitFor("EXIT=")
            #expect(done.contains("EXIT=0"))
            // The line may wrap at 80 columns.
            #expect(done.replacingOccurrences(of: "\n", with: "").contains("Tokens written to \(output)"))
            #expect(try Self.mode(output) == 0o600)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any]
            )
            let token = try #require(document["access_token"] as? [String: Any])
            #expect((token["value"] as? String)?.isEmpty == false)
        }

        @Test func ctrlCGivesUpAndRestoresTheTerminal() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let directory = try Binary.temporaryDirectory("device")
            let before = directory.appendingPathComponent("before").path
            let after = directory.appendingPathComponent("after").path
            let output = directory.appendingPathComponent("token.json").path
            let device = [
                Binary.path, "device", "--as", server.url, "--home", directory.path, "--access", Self.access,
                "--output", output,
            ]
            .map(shellQuoted).joined(separator: " ")
            let script =
                "stty -a > \(shellQuoted(before)); \(device); echo EXIT=$?; stty -a > \(shellQuoted(after)); "
                + "echo STTY-SAVED; sleep 60"
            let tmux = try Tmux(command: "sh -c \(shellQuoted(script))", width: 80, height: 24)
            defer { tmux.kill() }
            try await tmux.waitFor("Waiting for someone to enter the code")
            try tmux.send("C-c")
            let screen = try await tmux.waitFor("STTY-SAVED")
            #expect(screen.contains("gnapterm device: cancelled"))
            #expect(screen.contains("EXIT=1"))
            #expect(
                try String(contentsOfFile: before, encoding: .utf8) == String(contentsOfFile: after, encoding: .utf8))
            // No token, so the output file this run created is gone again.
            #expect(!FileManager.default.fileExists(atPath: output))
        }

        @Test func noColorMeansNoColours() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            func colours(_ environment: String) async throws -> Bool {
                let device = [
                    Binary.path, "device", "--as", server.url, "--home", try Binary.temporaryDirectory("device").path,
                    "--access", Self.access,
                ]
                .map(shellQuoted).joined(separator: " ")
                let tmux = try Tmux(
                    command: "sh -c \(shellQuoted("\(environment) \(device); sleep 60"))", width: 80, height: 24)
                defer { tmux.kill() }
                try await tmux.waitFor("Waiting for someone to enter the code")
                let styled = try tmux.run(["capture-pane", "-p", "-e", "-t", tmux.session])
                #expect(styled.contains("\u{1B}[1m"))  // bold stays: it is not colour
                // Foreground or background colours: SGR 30–37, 40–47, 90–97, 100–107 or 38/48 (256 colours).
                return styled.contains(try Regex(#"\x1B\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)(;[0-9;]*)?m"#))
            }
            #expect(try await colours("env -u NO_COLOR"))
            #expect(try await colours("env NO_COLOR=1") == false)
        }

        @Test func deviceTokenShowRotateAndRevokeManageTheStoredGrant() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("device").path
            let device = try RunningProcess([
                "device", "--as", server.url, "--json", "--home", home, "--access", Self.access,
            ])
            defer { device.stop() }
            try await device.waitForOutput("\"user_code\"")
            let code = try #require(Self.json(device.stdoutLines[0])?["user_code"] as? String)
            try await Self.approve(code, at: server)
            #expect(try await device.exitStatus() == 0)
            let granted = try #require(Self.json(device.stdoutLines.last ?? ""))
            let issued = try #require((granted["access_token"] as? [String: Any])?["value"] as? String)

            func token(_ action: String) async throws -> (status: Int32, stdout: String, stderr: String) {
                let process = try RunningProcess(["device", "token", action, "--home", home])
                let status = try await process.exitStatus()
                return (status, process.stdout, process.stderr)
            }
            func value(_ text: String) -> String? {
                ((Self.json(text)?["access_token"]) as? [String: Any])?["value"] as? String
            }
            let shown = try await token("show")
            #expect(shown.status == 0)
            #expect(value(shown.stdout) == issued)
            #expect(Self.json(shown.stdout)?["server"] as? String == server.url)

            let rotated = try await token("rotate")
            #expect(rotated.status == 0, "\(rotated.stderr)")
            let newValue = try #require(value(rotated.stdout))
            #expect(newValue != issued)
            #expect(value(try await token("show").stdout) == newValue)

            let revoked = try await token("revoke")
            #expect(revoked.status == 0, "\(revoked.stderr)")
            #expect(revoked.stderr == "Revoked 1 token(s); the grant is forgotten.\n")
            let gone = try await token("show")
            #expect(gone.status == 1)
            #expect(
                gone.stderr == "gnapterm device token show: no stored grant in this home; run gnapterm device first\n")
        }

        @Test func theDeviceRidesOutAnASRestart() async throws {
            let first = try await ASProcess.start()
            defer { first.stop() }
            let device = try RunningProcess([
                "device", "--as", first.url, "--json", "--home", try Binary.temporaryDirectory("device").path,
                "--access", Self.access,
            ])
            defer { device.stop() }
            try await device.waitForOutput("\"user_code\"")
            let code = try #require(Self.json(device.stdoutLines[0])?["user_code"] as? String)
            try await first.kill()
            try await device.waitForOutput("\"retrying\"")
            let retry = try #require(
                device.stdoutLines.compactMap(Self.json).first { $0["event"] as? String == "retrying" })
            #expect((retry["reason"] as? String)?.hasPrefix("cannot reach the authorization server") == true)
            let second = try await first.restart()
            defer { second.process.stop() }
            try await Self.approve(code, at: second)
            #expect(try await device.exitStatus() == 0)
            #expect(Self.json(device.stdoutLines.last ?? "")?["event"] as? String == "granted")
        }

        @Test func badOutputAndMissingGrantGiveOneReadableLine() async throws {
            let home = try Binary.temporaryDirectory("bad")
            // Checked before the AS is contacted (this address refuses connections).
            let missingDirectory = home.appendingPathComponent("no/such/dir/token.json").path
            let unwritable = try RunningProcess([
                "device", "--as", "http://127.0.0.1:1", "--access", Self.access, "--home", home.path, "--output",
                missingDirectory,
            ])
            #expect(try await unwritable.exitStatus() == 1)
            #expect(
                unwritable.stderr
                    == "gnapterm device: cannot write the token to \(missingDirectory): No such file or directory\n")
            let link = home.appendingPathComponent("link.json").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
            let symlink = try RunningProcess([
                "device", "--as", "http://127.0.0.1:1", "--access", Self.access, "--home", home.path, "--output", link,
            ])
            #expect(try await symlink.exitStatus() == 1)
            #expect(
                symlink.stderr
                    == "gnapterm device: cannot write the token to \(link): it is a symbolic link, which --output refuses\n"
            )
            let show = try RunningProcess(["device", "token", "show", "--home", home.path])
            #expect(try await show.exitStatus() == 1)
            #expect(
                show.stderr == "gnapterm device token show: no stored grant in this home; run gnapterm device first\n")
            let unknown = try RunningProcess(["device", "token", "renew", "--home", home.path])
            #expect(try await unknown.exitStatus() == 64)
            #expect(unknown.stderr.contains("unknown action 'renew'; use show, rotate, revoke or rotate-key"))
        }
    }
}

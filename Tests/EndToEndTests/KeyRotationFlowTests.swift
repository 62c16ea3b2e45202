import Foundation
import Testing

/// `gnapterm keys rotate` on a sealed key: the AS enrolls the new key and revokes the old one; the terminal keeps
/// working with the new key under the same passphrase (the approver and the admin commands), and a copy of the old
/// key is refused.
extension EndToEnd {
    @Suite("device key rotation", .timeLimit(.minutes(3)))
    struct KeyRotationFlowTests {
        static func thumbprint(_ home: String) throws -> String {
            let listed = try PipedCommand.run(["keys", "--home", home], stdin: [])
            let line = try #require(listed.stdoutText.split(separator: "\n").first { $0.contains("thumbprint") })
            return String(try #require(line.split(separator: " ").last))
        }

        @Test func rotationReplacesTheKeyAndTheOldOneIsRefused() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("rotate").path
            let enroll = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home, "--plain"], stdin: [])
            #expect(enroll.stderr.contains("Enrolled this terminal"))
            let seal = try PipedCommand.run(
                ["keys", "seal", "--as", server.url, "--home", home], stdin: Array("pass phrase\n".utf8))
            #expect(seal.status == 0, "\(seal.stderr)")
            let before = try Self.thumbprint(home)
            // A copy of the terminal's store as it is before the rotation, old key included.
            let copy = try Binary.temporaryDirectory("rotate-old").path
            try FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: home, toPath: copy)

            let rotate = try PipedCommand.run(
                ["keys", "rotate", "--as", server.url, "--home", home], stdin: Array("pass phrase\n".utf8))
            #expect(rotate.status == 0, "\(rotate.stderr)")
            let after = try Self.thumbprint(home)
            #expect(after != before)
            #expect(rotate.stdoutText.contains("old: \(before) (revoked at the AS)"))
            #expect(rotate.stdoutText.contains("new: \(after)"))
            let listed = try PipedCommand.run(["keys", "--home", home], stdin: [])
            #expect(listed.stdoutText.contains("at rest     sealed with a passphrase"))

            // The new key works, under the same passphrase.
            let device = try await UserCodeFlowTests.Device.start(server)
            defer { device.process.stop() }
            let approve = try PipedCommand.run(
                ["approve", "--as", server.url, "--home", home, "--plain"],
                stdin: Array("pass phrase\n\(device.code)\ndeny\nRotated key test\nyes\n".utf8))
            #expect(approve.status == 0, "\(approve.stderr)")
            #expect(try await device.process.exitStatus() == 3)

            // The admin commands sign with the same (sealed, rotated) key.
            let users = try PipedCommand.run(
                ["admin", "users", "list", "--as", server.url, "--home", home], stdin: Array("pass phrase\n".utf8))
            #expect(users.status == 0, "\(users.stderr)")
            #expect(users.stdoutText.contains("admin"))

            // The old key is revoked at the AS.
            let old = try PipedCommand.run(
                ["approve", "--as", server.url, "--home", copy, "--plain"],
                stdin: Array("pass phrase\nABCD-EFGH\n".utf8))
            #expect(old.stdoutText.contains("revoked") || old.stderr.contains("revoked"), "\(old.stdoutText)")
        }
    }
}

extension EndToEnd.KeyRotationFlowTests {
    /// Ctrl-C at the passphrase prompt (echo off) leaves the terminal as it was.
    @Test func interruptingThePassphrasePromptRestoresEcho() async throws {
        let server = try await ASProcess.start()
        defer { server.stop() }
        let home = try Binary.temporaryDirectory("prompt")
        _ = try PipedCommand.run(
            ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home.path, "--plain"],
            stdin: [])
        let seal = try PipedCommand.run(
            ["keys", "seal", "--as", server.url, "--home", home.path], stdin: Array("pass phrase\n".utf8))
        #expect(seal.status == 0, "\(seal.stderr)")
        let before = home.appendingPathComponent("before").path
        let after = home.appendingPathComponent("after").path
        let approve = [Binary.path, "approve", "--as", server.url, "--home", home.path].map(shellQuoted)
            .joined(separator: " ")
        // The shell traps SIGINT (a handler, so the child still gets the default action) and goes on after the
        // interrupted command instead of ending with it.
        let script =
            "trap 'echo INTERRUPTED' INT; stty -a > \(shellQuoted(before)); \(approve); echo EXIT=$?; "
            + "stty -a > \(shellQuoted(after)); echo STTY-SAVED; sleep 60"
        let tmux = try Tmux(command: "sh -c \(shellQuoted(script))")
        defer { tmux.kill() }
        try await tmux.waitFor("Passphrase of the device key")
        try tmux.send("C-c")
        try await tmux.waitFor("STTY-SAVED")
        let saved = try String(contentsOfFile: before, encoding: .utf8)
        let restored = try String(contentsOfFile: after, encoding: .utf8)
        #expect(saved == restored)
        #expect(saved.contains(" echo "))
        #expect(try tmux.screen().contains("EXIT=130"))
    }
}
